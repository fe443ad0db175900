package org.javaasync.runtime.sync;

/**
 * Proof of one acquisition of a {@link Lock}, an {@link AsyncSemaphore} or a {@link Condition}; closing it releases
 * that acquisition, so that {@code try (var _ = await(lock.acquire())) { ... }} is Python's {@code async with lock:}.
 *
 * <p>{@link #close()} releases at most once: closing a permit twice is a no-op the second time, so a permit never
 * releases an acquisition that is not its own. Releasing the primitive directly and then closing the permit releases
 * twice, which for a {@link Lock} raises as in asyncio. Like the primitives, a permit is confined to its loop.
 */
public final class Permit implements AutoCloseable {
    private Releasable owner;

    Permit(Releasable owner) {
        this.owner = owner;
    }

    /**
     * Releases the acquisition this permit stands for, the first time it is called; later calls do nothing. Never
     * suspends, so it is safe in a {@code finally} block of a task that is being cancelled.
     *
     * @throws IllegalStateException if the primitive was already released by other means (e.g. an unlocked
     *     {@link Lock}) or over-released (an {@link AsyncBoundedSemaphore})
     */
    @Override
    public void close() {
        Releasable o = owner;
        if (o != null) {
            owner = null;
            o.release();
        }
    }
}
