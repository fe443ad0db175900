package org.javaasync.runtime;

import java.util.Objects;

/**
 * Python's {@code @asynccontextmanager}: a resource opened by a setup coroutine and closed by a teardown that may
 * await, used with try-with-resources.
 *
 * <pre>{@code
 * Coroutine<AsyncResource<Connection>> connection(String host) {
 *     return AsyncResource.open(connect(host), conn -> await(conn.closeAsync()));
 * }
 *
 * try (var conn = await(connection("db"))) {   // async with connection("db") as conn:
 *     await(conn.get().query("..."));
 * }                                            // teardown runs here, also on exception or cancellation
 * }</pre>
 *
 * <p>The teardown runs exactly once, when the resource is closed, whether the block completes normally, throws, or
 * is cancelled (a cancelled task may still await in its cleanup, as in asyncio; inside an expired
 * try-with-resources {@link Timeout} too). If the setup fails or is cancelled,
 * there is no resource and no teardown, as in Python. An exception thrown by the teardown comes out of
 * {@link #close()} (Java adds it as suppressed if the block had already thrown). Unlike Python's
 * {@code __aexit__}, the teardown is not told which exception ended the block, and cannot suppress it.
 *
 * @param <T> the type of the opened value
 */
public final class AsyncResource<T> implements AutoCloseable {

    /**
     * Closes the opened value; may await.
     *
     * @param <T> the type of the opened value
     */
    @FunctionalInterface
    public interface Teardown<T> {
        /**
         * Releases {@code value}.
         *
         * @param value what the setup produced
         * @throws Exception any failure, which comes out of {@link AsyncResource#close()}
         */
        void close(T value) throws Exception;
    }

    private final T value;
    private Teardown<? super T> teardown;

    private AsyncResource(T value, Teardown<? super T> teardown) {
        this.value = value;
        this.teardown = teardown;
    }

    /**
     * Returns a coroutine that awaits {@code setup} and resolves to the opened resource, whose {@link #close()} will
     * run {@code teardown} on the setup's result.
     *
     * @param <T> the type of the opened value
     * @param setup the awaitable that opens the value (e.g. a coroutine); awaited when the returned coroutine is
     * @param teardown what closing does with the value
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public static <T> Coroutine<AsyncResource<T>> open(Awaitable<T> setup, Teardown<? super T> teardown) {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(teardown, "teardown");
        return Asyncio.async("AsyncResource.open", () -> new AsyncResource<T>(Asyncio.await(setup), teardown));
    }

    /**
     * Returns the value the setup produced (what {@code as} binds in Python).
     *
     * @return the value the setup produced (what {@code as} binds in Python)
     */
    public T get() {
        return value;
    }

    /**
     * Returns whether {@link #close()} has been called.
     *
     * @return whether {@link #close()} has been called
     */
    public boolean isClosed() {
        return teardown == null;
    }

    /**
     * Runs the teardown, awaiting what it awaits, the first time it is called; later calls do nothing. Must run
     * inside a task if the teardown awaits.
     *
     * <p>Whatever the teardown throws comes out unchanged, even a checked exception (rethrown without being
     * declared, as {@code await} does).
     */
    @Override
    public void close() {
        Teardown<? super T> t = teardown;
        if (t == null) {
            return;
        }
        teardown = null;
        Task<?> task = Task.current();
        boolean cleanup = task != null && task.beginCleanup();
        try {
            t.close(value);
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        } finally {
            if (cleanup) {
                task.endCleanup();
            }
        }
    }
}
