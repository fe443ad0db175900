package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import java.util.ArrayDeque;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.AsyncSupplier;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Lock}: a mutual-exclusion lock for tasks, not owned by any task and FIFO-fair.
 *
 * <pre>{@code
 * var lock = new Lock();
 * try (var _ = await(lock.acquire())) {   // async with lock:
 *     ...
 * }
 * }</pre>
 *
 * <p>Fairness: tasks get the lock in the order they started waiting for it. A newcomer takes a free lock at once only
 * if nobody is waiting (or every waiter is cancelled). A waiter that was woken but cancelled before it could run passes
 * the wake-up to the next waiter, so a release is never lost. Not thread-safe; confined to the loop it is first used
 * on.
 */
public final class Lock extends LoopBound implements Releasable {
    private ArrayDeque<AsyncFuture<Boolean>> waiters; // created on first contention, as in asyncio
    private boolean locked;
    // One body for every coroutine acquire() returns (it captures only this object), not one per call.
    private final AsyncSupplier<Permit> acquireBody = this::acquireNow;

    /** Creates an unlocked lock. It binds to the loop that first makes a task wait on it. */
    public Lock() {}

    /**
     * Returns a coroutine that acquires the lock, waiting while another task holds it, and resolves to a
     * {@link Permit} that releases the lock when closed.
     *
     * <p>Cancellation: if the waiting task is cancelled, it leaves the queue of waiters, {@link CancelledError}
     * propagates, and if the lock is free the next waiter is woken, so cancellation never strands the lock.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Permit> acquire() {
        return async("Lock.acquire", acquireBody);
    }

    private Permit acquireNow() {
        if (!locked && (waiters == null || allCancelled())) {
            locked = true;
            return new Permit(this);
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        AsyncFuture<Boolean> fut = newWaiter();
        waiters.add(fut);
        try {
            try {
                await(fut);
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            // We may have been woken and then cancelled: if the lock is still free, hand the turn to the new head.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return new Permit(this);
    }

    private boolean allCancelled() {
        for (AsyncFuture<Boolean> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Releases the lock and wakes the first waiter, if any. Any task may release (asyncio's lock has no owner).
     *
     * @throws IllegalStateException if the lock is not locked (asyncio's {@code RuntimeError('Lock is not acquired.')})
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException(
                    "Lock is not acquired: release() was called on an unlocked lock (release only what you acquired, "
                            + "preferably with try (var _ = await(lock.acquire())) { ... })");
        }
        locked = false;
        wakeUpFirst();
    }

    /** Wakes the head waiter unless it is already woken (done): at most one pending wake-up at a time. */
    private void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        AsyncFuture<Boolean> first = waiters.peekFirst();
        if (!first.isDone()) {
            first.setResult(true);
        }
    }

    /**
     * Returns whether the lock is held.
     *
     * @return {@code true} if locked
     */
    public boolean locked() {
        return locked;
    }

    @Override
    public String toString() {
        int n = waiters == null ? 0 : waiters.size();
        return "Lock[" + (locked ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
