package org.javaasync.runtime.sync;

/**
 * asyncio's {@code BoundedSemaphore}: an {@link AsyncSemaphore} that refuses to be released more times than it was
 * acquired, which catches a release without a matching acquire.
 */
public final class AsyncBoundedSemaphore extends AsyncSemaphore {
    private final int bound;

    /** Creates a bounded semaphore with one permit. */
    public AsyncBoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also the most it may ever hold.
     *
     * @param value the initial and maximum number of free permits
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public AsyncBoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Returns one permit, as {@link AsyncSemaphore#release()}.
     *
     * @throws IllegalStateException if that would raise the count above the initial value (asyncio's
     *     {@code ValueError('BoundedSemaphore released too many times')}); the count is left unchanged
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (initial value " + bound
                    + "): every release() must match an acquire()");
        }
        super.release();
    }
}
