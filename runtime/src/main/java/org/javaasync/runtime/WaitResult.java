package org.javaasync.runtime;

import java.util.Set;

/**
 * What {@link Asyncio#wait(java.util.Collection, ReturnWhen)} returns: the futures that are done and those still
 * pending, each set in the order the awaitables were given.
 *
 * @param done the futures that are done (with a result, an exception, or cancelled)
 * @param pending the futures that are not done yet; they keep running
 * @param <T> the result type
 */
public record WaitResult<T>(Set<AsyncFuture<T>> done, Set<AsyncFuture<T>> pending) {}
