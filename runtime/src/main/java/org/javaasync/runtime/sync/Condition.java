package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Condition}: tasks wait, holding a {@link Lock}, until another task notifies them.
 * {@code notify(n)} and {@code notify_all()} are {@link #signal(int)} and {@link #signalAll()}, and {@code wait()} is
 * {@link #waitNotified()}, because {@code Object.notify()} and {@code Object.wait()} are final.
 *
 * <pre>{@code
 * try (var _ = await(cond.acquire())) {
 *     await(cond.waitFor(() -> !items.isEmpty()));
 *     ...
 * }
 * }</pre>
 *
 * <p>Waiters are notified in FIFO order. A waiter notified but then cancelled (or failing to re-acquire the lock)
 * passes the notification on to the next waiter, so a notification is never lost; as asyncio documents, this can cause
 * a spurious wake-up, so re-check the predicate (or use {@link #waitFor(BooleanSupplier)}). Not thread-safe; confined
 * to the loop it is first used on.
 */
public final class Condition extends LoopBound implements Releasable {
    private final Lock lock;
    private final ArrayDeque<AsyncFuture<Boolean>> waiters = new ArrayDeque<>();

    /** Creates a condition with its own new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition over an existing {@code lock}, shared for example by several conditions.
     *
     * @param lock the underlying lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Acquires the underlying lock: see {@link Lock#acquire()}.
     *
     * @return a lazy coroutine resolving to a {@link Permit} that releases the lock
     */
    public Coroutine<Permit> acquire() {
        return lock.acquire();
    }

    /**
     * Releases the underlying lock: see {@link Lock#release()}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * Returns whether the underlying lock is held.
     *
     * @return {@code true} if locked
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Returns a coroutine that releases the lock, waits until notified, re-acquires the lock and resolves to
     * {@code true}. The caller must hold the lock when the coroutine runs, and holds it again when it completes, also
     * when it completes exceptionally.
     *
     * <p>Cancellation: the lock is re-acquired before {@link CancelledError} propagates (cancelling again while
     * re-acquiring is remembered and re-raised once the lock is held); a notification this waiter had received is
     * passed
     * to the next waiter.
     *
     * @throws IllegalStateException (when awaited) if the lock is not held
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Boolean> waitNotified() {
        return async("Condition.wait", this::waitNow);
    }

    private Boolean waitNow() {
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock: acquire the condition first, "
                    + "try (var _ = await(cond.acquire())) { await(cond.waitNotified()); }");
        }
        AsyncFuture<Boolean> fut = newWaiter();
        release();
        Throwable failure = null;
        try {
            waiters.add(fut);
            try {
                await(fut);
            } finally {
                waiters.remove(fut);
            }
        } catch (Throwable t) {
            failure = t;
        }
        // Must re-acquire the lock even if the wait was cancelled. Only CancelledError is retried, so that another
        // (fatal) failure cannot make us spin; the most recent cancellation wins, as in asyncio.
        try {
            while (true) {
                try {
                    await(lock.acquire());
                    break;
                } catch (CancelledError e) {
                    failure = e;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            // This waiter may have been notified before it failed: pass the notification on (may be spurious).
            signalNow(1);
            // Only the waits above can fail here, with a CancelledError or an Error: nothing checked to smuggle.
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
        return true;
    }

    /**
     * Returns a coroutine that waits until {@code predicate} is true and resolves to {@code true}; the predicate is
     * checked first, with the lock held, and again after each notification. Cancellation as in {@link #waitNotified()}.
     *
     * @param predicate the condition to wait for, evaluated with the lock held
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return async("Condition.wait_for", () -> {
            boolean result = predicate.getAsBoolean();
            while (!result) {
                await(waitNotified());
                result = predicate.getAsBoolean();
            }
            return true;
        });
    }

    /**
     * Wakes up to {@code n} waiting tasks, the longest-waiting first (asyncio's {@code notify(n)}). A woken task
     * returns from its wait only once it re-acquires the lock, so the caller should release it.
     *
     * @param n how many waiters to wake at most
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock: hold the condition's lock to signal");
        }
        signalNow(n);
    }

    /** Wakes one waiting task: {@code signal(1)}. @throws IllegalStateException if the lock is not held */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes all waiting tasks (asyncio's {@code notify_all()}). @throws IllegalStateException if the lock is not held
     */
    public void signalAll() {
        signal(waiters.size());
    }

    private void signalNow(int n) {
        int woken = 0;
        for (AsyncFuture<Boolean> fut : waiters) {
            if (woken >= n) {
                break;
            }
            if (!fut.isDone()) {
                woken++;
                fut.setResult(false);
            }
        }
    }

    @Override
    public String toString() {
        return "Condition[" + (locked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }
}
