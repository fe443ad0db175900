package org.javaasync.runtime;

/**
 * Everything {@link Asyncio#await(Awaitable)} accepts: a {@link Coroutine} (run inline in the awaiting task, like
 * Python's {@code await coro}) or an {@link AsyncFuture} / {@link Task} (the awaiting task suspends until it is done).
 *
 * @param <T> the type of the value that awaiting produces
 */
public sealed interface Awaitable<T> permits Coroutine, AsyncFuture {}
