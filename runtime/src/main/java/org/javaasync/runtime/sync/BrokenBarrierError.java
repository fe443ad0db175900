package org.javaasync.runtime.sync;

/**
 * Raised by {@link Barrier#arriveAndWait()} when the barrier is aborted, or reset while the task waits on it
 * (asyncio's {@code BrokenBarrierError}).
 */
public class BrokenBarrierError extends RuntimeException {
    /**
     * Creates the error with a message that says why the barrier broke.
     *
     * @param message why the barrier broke
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
