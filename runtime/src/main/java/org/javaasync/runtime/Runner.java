package org.javaasync.runtime;

import java.util.Set;
import java.util.function.Supplier;

/**
 * A scope that runs coroutines on an event loop of its own (asyncio's {@code asyncio.Runner}), several times:
 *
 * <pre>{@code
 * try (var runner = new Runner()) {
 *     runner.run(setUp());
 *     String answer = runner.run(ask());     // same loop, same context variables as the first run
 * }                                          // leftover tasks cancelled, generators and executor shut down
 * }</pre>
 *
 * <p>The loop is created on the first {@link #run} (or {@link #getLoop()}). Every run's main task runs in one
 * {@link Context}, a copy of the creating thread's context taken then, so a context variable set by one run is seen by
 * the next. {@link #close()} does what {@link Asyncio#run} does after its coroutine: cancels the tasks still pending
 * and waits for them, closes the asynchronous generators ({@link EventLoop#shutdownAsyncGens()}), shuts the default
 * executor down (waiting up to 300 s for its jobs), and closes the loop. A runner is used from one thread; it is not
 * thread-safe.
 */
public final class Runner implements AutoCloseable {
    /** How long {@link #close()} waits for the default executor's jobs, as asyncio's THREAD_JOIN_TIMEOUT. */
    private static final double EXECUTOR_JOIN_SECONDS = 300;

    private enum State {
        CREATED,
        INITIALIZED,
        CLOSED
    }

    private final Supplier<EventLoop> loopFactory;
    private State state = State.CREATED;
    private EventLoop loop;
    private Context context;

    /**
     * Creates a runner whose loop has the default settings: a monotonic clock, the fastest scheduler that works on
     * the thread that first runs it, debug mode as {@code -Djavaasync.debug} says.
     */
    public Runner() {
        this(null);
    }

    /**
     * Creates a runner whose loop comes from {@code loopFactory} (asyncio's {@code loop_factory}), called once, on the
     * first run; for a virtual clock, a scheduler or debug mode. The loop must be new (not running, not closed); the
     * runner closes it.
     *
     * @param loopFactory makes the loop, or {@code null} for the default
     */
    public Runner(Supplier<EventLoop> loopFactory) {
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code main} on the runner's loop until it is done and returns its result (asyncio's {@code Runner.run}).
     * A coroutine becomes the main task, in the runner's context; a future of the runner's loop is awaited as it is.
     *
     * @param main the coroutine to run
     * @param <T> the result type
     * @return its result
     * @throws IllegalStateException if called from a running event loop (inside a task, use {@code await}), or after
     *     {@link #close()}
     * @throws CancelledError if the main task was cancelled
     * @throws RuntimeException whatever {@code main} throws, as it is (checked exceptions too)
     */
    public <T> T run(Awaitable<T> main) {
        return run(main, null);
    }

    /**
     * Like {@link #run(Awaitable)}, running the main task in {@code context} instead of the runner's own.
     *
     * @param main the coroutine to run
     * @param context the context of the main task, or {@code null} for the runner's
     * @param <T> the result type
     * @return its result
     */
    public <T> T run(Awaitable<T> main, Context context) {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop; inside a task,"
                    + " use await(...) or createTask(...) instead");
        }
        lazyInit();
        AsyncFuture<T> future = switch (main) {
            case Coroutine<T> coro -> loop.createTask(coro, null, context != null ? context : this.context);
            case AsyncFuture<T> f -> f;
        };
        return loop.runUntilComplete(future);
    }

    /**
     * Runs {@code body} as the main coroutine. See {@link #run(Awaitable)}.
     *
     * @param body the body of the main coroutine
     * @param <T> the result type
     * @return the body's result
     */
    public <T> T run(AsyncSupplier<T> body) {
        return run(new Coroutine<>("main", body));
    }

    /**
     * Runs {@code body} as the main coroutine. See {@link #run(Awaitable)}.
     *
     * @param body the body of the main coroutine
     */
    public void run(AsyncRunnable body) {
        run(Coroutine.of("main", body));
    }

    /**
     * Returns the runner's loop, creating it if no run has yet.
     *
     * @return the loop
     * @throws IllegalStateException after {@link #close()}
     */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        if (loopFactory != null) {
            loop = loopFactory.get();
        } else {
            EventLoop.Builder builder = EventLoop.builder();
            if (Thread.currentThread().isVirtual()) {
                builder.scheduler(EventLoop.Scheduler.PORTABLE);
            }
            loop = builder.build();
        }
        context = Context.copyCurrent();
        state = State.INITIALIZED;
    }

    /**
     * Finishes the runner: cancels the tasks still pending and waits for them (a task that fails meanwhile is reported
     * to the loop's exception handler), closes the asynchronous generators, shuts the default executor down, and
     * closes the loop. Does nothing if the runner never ran, or is closed already.
     *
     * @throws IllegalStateException if called from the runner's own running loop
     */
    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            state = State.CLOSED;
            return;
        }
        try {
            cancelAllTasks();
            loop.runUntilComplete(loop.shutdownAsyncGens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor(EXECUTOR_JOIN_SECONDS));
        } finally {
            loop.close();
            state = State.CLOSED;
        }
    }

    /** asyncio's {@code _cancel_all_tasks}, leaving generators parked between two pulls to shutdownAsyncGens. */
    private void cancelAllTasks() {
        Set<Task<?>> pending = loop.allTasks();
        pending.removeIf(loop::parksAsyncGenerator);
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> task : pending) {
            task.cancel();
        }
        loop.runUntilComplete(new Coroutine<>(
                "cancelAllTasks",
                () -> Task.currentOrFail("await()").awaitFuture(GatheringFuture.start(pending, true))));
        for (Task<?> task : pending) {
            if (!task.isCancelled() && task.exception() != null) {
                loop.callExceptionHandler(EventLoop.errorContext(
                        "unhandled exception during Asyncio.run() shutdown", task.exception(), "task", task));
            }
        }
    }

    @Override
    public String toString() {
        return "<Runner " + state.name().toLowerCase(java.util.Locale.ROOT) + ">";
    }
}
