package org.javaasync.runtime;

/**
 * The body of a coroutine that returns a value: ordinary Java code that may call {@code await(...)} and may throw
 * checked exceptions (asyncio's {@code async def} returning a value). See {@link Asyncio#async(AsyncSupplier)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncSupplier<T> {
    /**
     * Runs the body.
     *
     * @return the result
     * @throws Exception any failure; it becomes the coroutine's (and its task's) exception
     */
    T get() throws Exception;
}
