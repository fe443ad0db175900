package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import java.util.ArrayDeque;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.AsyncSupplier;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Semaphore}: a counter of permits for tasks, FIFO-fair. Named {@code AsyncSemaphore} so that
 * {@code java.util.concurrent.Semaphore} keeps its meaning in JShell.
 *
 * <pre>{@code
 * var sem = new AsyncSemaphore(10);
 * try (var _ = await(sem.acquire())) {   // async with sem:
 *     ...
 * }
 * }</pre>
 *
 * <p>Fairness, as in asyncio 3.12+: a newcomer does not take a free permit while any non-cancelled task is waiting,
 * including waiters already woken that have not run yet, so a newcomer never jumps ahead of woken waiters. A woken
 * waiter that is cancelled before it runs gives its permit back and wakes the next one. Not thread-safe; confined to
 * the loop it is first used on.
 */
public class AsyncSemaphore extends LoopBound implements Releasable {
    private ArrayDeque<AsyncFuture<Boolean>> waiters;
    // One body for every coroutine acquire() returns (it captures only this object), not one per call.
    private final AsyncSupplier<Permit> acquireBody = this::acquireNow;
    /** Free permits not yet handed to a woken waiter (asyncio's {@code _value}). */
    int value;

    /** Creates a semaphore with one permit. */
    public AsyncSemaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the initial number of free permits
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public AsyncSemaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /**
     * Returns whether {@link #acquire()} would have to wait: no free permit, or other tasks are waiting first.
     *
     * @return {@code true} if an acquire now would wait
     */
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        if (waiters != null) {
            for (AsyncFuture<Boolean> w : waiters) {
                if (!w.isCancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Returns a coroutine that takes one permit, waiting in FIFO order while none is free, and resolves to a
     * {@link Permit} that releases it when closed.
     *
     * <p>Cancellation: a cancelled waiter leaves the queue; if it had already been handed a permit, the permit goes
     * back and the next waiter is woken. {@link CancelledError} propagates.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Permit> acquire() {
        return async("Semaphore.acquire", acquireBody);
    }

    private Permit acquireNow() {
        if (!locked()) {
            value--;
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
            if (fut.isDone() && !fut.isCancelled()) {
                // We were handed a permit but will not use it: give it back (the finally below passes it on).
                value++;
            }
            throw e;
        } finally {
            // Newcomers that arrived while permits were free had to queue behind us (FIFO): wake as many as allowed.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return new Permit(this);
    }

    /**
     * Returns one permit and wakes the first waiter that is not already woken. Never suspends.
     *
     * @throws IllegalStateException only in {@link AsyncBoundedSemaphore}, on over-release
     */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    /** Hands one permit to the first waiter not yet woken; returns false if there is none. */
    private boolean wakeUpNext() {
        if (waiters == null) {
            return false;
        }
        for (AsyncFuture<Boolean> fut : waiters) {
            if (!fut.isDone()) {
                value--;
                fut.setResult(true);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        int n = waiters == null ? 0 : waiters.size();
        return getClass().getSimpleName() + "[" + (locked() ? "locked" : "unlocked, value:" + value)
                + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
