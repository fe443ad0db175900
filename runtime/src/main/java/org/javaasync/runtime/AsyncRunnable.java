package org.javaasync.runtime;

/**
 * The body of a coroutine without a result: ordinary Java code that may call {@code await(...)} and may throw
 * checked exceptions. See {@link Asyncio#async(AsyncRunnable)}.
 */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * Runs the body.
     *
     * @throws Exception any failure; it becomes the coroutine's (and its task's) exception
     */
    void run() throws Exception;
}
