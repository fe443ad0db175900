package org.javaasync.runtime;

/**
 * A lazy body of asynchronous code: what calling an {@code async def} function gives in Python. Creating a coroutine
 * runs nothing. It runs when awaited ({@code await(coro)}: inline, in the awaiting task, without creating a task) or
 * when wrapped in a task ({@link Asyncio#createTask(Awaitable)}, {@link Asyncio#gather}, ...).
 *
 * <p>A coroutine runs at most once: awaiting it, or wrapping it in a task, a second time throws
 * {@link IllegalStateException} ("cannot reuse already awaited coroutine", as Python's {@code RuntimeError}). In
 * debug mode, or when its loop {@linkplain CollectionReports#watchUnawaitedCoroutines(boolean) watches unawaited
 * coroutines}, a coroutine that is garbage collected without ever running is reported through the loop's exception
 * handler: "coroutine 'name' was never awaited" (in debug mode with where it was created); see
 * {@link CollectionReports}.
 *
 * @param <T> the type of the value that awaiting produces
 */
public final class Coroutine<T> implements Awaitable<T> {
    private static final byte NEW = 0;
    private static final byte STARTED = 1;

    private final AsyncSupplier<T> body;
    private String name;
    private byte state = NEW;
    private CollectionReports.Watch neverAwaited;

    Coroutine(String name, AsyncSupplier<T> body) {
        this.body = body;
        this.name = name;
        if (!RunningLoops.anyWatchesCoroutines()) {
            return; // the common case, kept to one static read: this runs for every await(sleep(...)) and more
        }
        EventLoop loop = EventLoop.runningOrNull();
        boolean debug = loop != null ? loop.isDebug() : EventLoop.DEBUG_BY_PROPERTY;
        CollectionReports reports = loop != null ? loop.collectionReports() : CollectionReports.OUTSIDE_LOOPS;
        if (debug) {
            if (this.name == null) {
                this.name = CoroutineNames.fromCaller();
            }
            neverAwaited = reports.watchCoroutine(
                    this, this.name, null, CoroutineNames.creationStack(), CurrentContext.snapshot());
        } else if (reports.watchesUnawaitedCoroutines()) {
            // The name is worked out only if a report is made: most coroutines start at once.
            neverAwaited = reports.watchCoroutine(
                    this, this.name, body.getClass(), null, CurrentContext.bindingsOf(loop.contextStateHere()));
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
        return state != NEW;
    }

    /** Claims the single run of this coroutine and returns its body, which the caller then runs. */
    AsyncSupplier<T> start() {
        if (state != NEW) {
            throw new IllegalStateException("cannot reuse already awaited coroutine '" + getName()
                    + "': a coroutine runs once; create a new one (call the method that returned it again)");
        }
        state = STARTED;
        if (neverAwaited != null) {
            neverAwaited.settle();
            neverAwaited = null;
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
        if (state == NEW) {
            state = STARTED;
            if (neverAwaited != null) {
                neverAwaited.settle();
                neverAwaited = null;
            }
        }
    }

    /** Runs the body inline, in the calling task. */
    T runInline() {
        try {
            return start().get();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + getName() + (state == NEW ? ">" : " started>");
    }
}
