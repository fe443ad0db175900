package org.javaasync.runtime;

/**
 * A lazy body of asynchronous code: what calling an {@code async def} function gives in Python. Creating a coroutine
 * runs nothing. It runs when awaited ({@code await(coro)}: inline, in the awaiting task, without creating a task) or
 * when wrapped in a task ({@link Asyncio#createTask(Awaitable)}, {@link Asyncio#gather}, ...).
 *
 * <p>A coroutine runs at most once: awaiting it, or wrapping it in a task, a second time throws
 * {@link IllegalStateException} ("cannot reuse already awaited coroutine", as Python's {@code RuntimeError}). In
 * debug mode a coroutine that is garbage collected without ever running is reported: "coroutine 'name' was never
 * awaited", with where it was created.
 *
 * @param <T> the type of the value that awaiting produces
 */
public final class Coroutine<T> implements Awaitable<T> {
    /** {@link #runState} once the coroutine has started. */
    private static final Object STARTED = new Object();
    /** The body of {@code sleep(0)}; {@link #runInline} recognizes it and yields without calling it. */
    private static final AsyncSupplier<Object> YIELD_ONCE = () -> {
        Task.currentOrFail("await(sleep(0))").yieldOnce();
        return null;
    };

    private final AsyncSupplier<T> body;
    private String name;
    // null: not started; a Tracker: not started, and reported if collected so (debug mode); STARTED: started. One
    // field for both facts keeps a coroutine, which a task holds all its life, at 24 bytes.
    private Object runState;

    Coroutine(String name, AsyncSupplier<T> body) {
        this.body = body;
        this.name = name;
        if (!RunningLoops.anyDebug()) {
            return; // the common case, kept to one static read: this runs for every await(sleep(...)) and more
        }
        EventLoop loop = EventLoop.runningOrNull();
        boolean debug = loop != null ? loop.isDebug() : EventLoop.DEBUG_BY_PROPERTY;
        if (debug) {
            if (this.name == null) {
                this.name = CoroutineNames.fromCaller();
            }
            String where = LeakReports.stackTrace(CoroutineNames.creationStack());
            runState = LeakReports.track(
                    this,
                    "coroutine '" + getName() + "' was never awaited\nCoroutine created at"
                            + " (most recent call first):\n" + where,
                    loop != null ? loop.reporter() : EventLoop.DEFAULT_REPORTER);
        }
    }

    /**
     * Returns the coroutine's name: the one given to {@link Asyncio#async(String, AsyncSupplier)}, otherwise (in debug
     * mode) the method that created it, otherwise a name derived from the body's class.
     *
     * @return the name
     */
    public String getName() {
        if (name == null) {
            name = CoroutineNames.fromBody(body);
        }
        return name;
    }

    /**
     * Returns whether the coroutine has started running (it was awaited or wrapped in a task).
     *
     * @return {@code true} once started
     */
    public boolean isStarted() {
        return runState == STARTED;
    }

    /** Claims the single run of this coroutine and returns its body, which the caller then runs. */
    AsyncSupplier<T> start() {
        Object was = runState;
        if (was == STARTED) {
            throw new IllegalStateException("cannot reuse already awaited coroutine '" + getName()
                    + "': a coroutine runs once; create a new one (call the method that returned it again)");
        }
        runState = STARTED;
        if (was instanceof LeakReports.Tracker neverAwaited) {
            neverAwaited.settle();
        }
        return body;
    }

    /** A coroutine of a body without result. */
    static Coroutine<Void> of(String name, AsyncRunnable body) {
        return new Coroutine<>(name, new AsyncSupplier<>() {
            @Override
            public Void get() throws Exception {
                body.run();
                return null;
            }

            @Override
            public String toString() {
                return body.toString();
            }
        });
    }

    /**
     * Marks a coroutine that will never run as used, as Python's {@code coro.close()} does for a coroutine refused by
     * a finished task group: it is not reported as never awaited, and it cannot run any more.
     */
    void close() {
        Object was = runState;
        if (was != STARTED) {
            runState = STARTED;
            if (was instanceof LeakReports.Tracker neverAwaited) {
                neverAwaited.settle();
            }
        }
    }

    /** The body, for the task that claimed this coroutine with {@link #start()}. */
    AsyncSupplier<T> body() {
        return body;
    }

    /** The coroutine of {@code sleep(0)}: lets every other ready callback run once, then returns {@code null}. */
    @SuppressWarnings("unchecked")
    static <T> Coroutine<T> yieldOnce() {
        return new Coroutine<>("sleep", (AsyncSupplier<T>) YIELD_ONCE);
    }

    /**
     * Runs the body inline, in {@code task}, the calling task. {@code await(sleep(0))} is the commonest await of
     * all and yields here directly: a call through the body would be a megamorphic call and one more stack frame
     * that every switch copies out and back.
     */
    T runInline(Task<?> task) {
        AsyncSupplier<T> b = start();
        if (b == YIELD_ONCE) {
            task.yieldOnce();
            return null;
        }
        try {
            return b.get();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + getName() + (runState == STARTED ? " started>" : ">");
    }
}
