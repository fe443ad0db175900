package org.javaasync.runtime;

/**
 * Python's asynchronous iterator protocol: {@link #anext()} is {@code __anext__}, {@link #aclose()} is
 * {@code aclose()}. Use it directly when a timeout or cancellation should apply to one step, e.g.
 * {@code await(waitFor(it.anext(), 1.0))}; otherwise iterate an {@link AsyncIterable} with a plain for-each.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> {
    /**
     * Returns a coroutine that resolves to the next element, or fails with {@link StopAsyncIteration} at the end.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    Coroutine<T> anext();

    /**
     * Returns a coroutine that releases what the iterator holds (for a generator: runs its {@code finally} blocks).
     * The default does nothing.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    default Coroutine<Void> aclose() {
        return Asyncio.async("aclose", () -> {});
    }
}
