package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Barrier}: lets a fixed number of tasks wait until all of them have arrived, then releases them all
 * together, and can be used again (cyclic). Built on a {@link Condition}, as in asyncio.
 *
 * <p>States, as in asyncio: filling (tasks arrive), draining (the last party arrived; released tasks are leaving, and
 * newcomers wait until all have left), resetting ({@link #reset()} while tasks wait: they get
 * {@link BrokenBarrierError}) and broken ({@link #abort()}: every current and future waiter gets
 * {@link BrokenBarrierError} until {@link #reset()}). Not thread-safe; confined to the loop it is first used on.
 */
public final class Barrier {
    private enum State {
        FILLING,
        DRAINING,
        RESETTING,
        BROKEN
    }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must arrive before all are released
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Returns a coroutine that waits until {@link #parties()} tasks have arrived and resolves to this task's arrival
     * index, from 0 to {@code parties - 1} (asyncio's {@code Barrier.wait()}). The last task to arrive releases all the
     * others and does not suspend for them.
     *
     * <p>Failures: {@link BrokenBarrierError} if the barrier is broken, or is reset or aborted while this task waits.
     * Cancellation: the task leaves the barrier ({@code CancelledError} propagates); the barrier is not broken, so the
     * remaining parties keep waiting, as in asyncio.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Integer> arriveAndWait() {
        return async("Barrier.wait", () -> {
            try (var _ = await(cond.acquire())) {
                block();
                try {
                    int index = count++;
                    if (index + 1 == parties) {
                        state = State.DRAINING; // release everybody; newcomers wait until the barrier has drained
                        cond.signalAll();
                    } else {
                        await(cond.waitFor(() -> state != State.FILLING));
                        if (state == State.BROKEN || state == State.RESETTING) {
                            throw new BrokenBarrierError("Abort or reset of barrier");
                        }
                    }
                    return index;
                } finally {
                    count--;
                    exit();
                }
            }
        });
    }

    /** Waits while the barrier drains or resets, then refuses to enter a broken barrier. */
    private void block() {
        await(cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING));
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    /** The last task to leave a draining or resetting barrier makes it fill again, and wakes tasks blocked on entry. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Returns a coroutine that resets the barrier to its initial, filling state; tasks currently waiting get
     * {@link BrokenBarrierError}. Also mends a broken barrier.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Void> reset() {
        return async("Barrier.reset", () -> {
            try (var _ = await(cond.acquire())) {
                if (count > 0) {
                    if (state != State.RESETTING) {
                        state = State.RESETTING;
                    }
                } else {
                    state = State.FILLING;
                }
                cond.signalAll();
            }
        });
    }

    /**
     * Returns a coroutine that breaks the barrier: current and future waiters get {@link BrokenBarrierError} until
     * {@link #reset()}. Useful when one party fails and the others must not wait forever.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Void> abort() {
        return async("Barrier.abort", () -> {
            try (var _ = await(cond.acquire())) {
                state = State.BROKEN;
                cond.signalAll();
            }
        });
    }

    /**
     * Returns the number of tasks needed to pass the barrier.
     *
     * @return the number of parties
     */
    public int parties() {
        return parties;
    }

    /**
     * Returns how many tasks are waiting in the filling barrier (0 while it drains, resets or is broken).
     *
     * @return the number of waiting tasks
     */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /**
     * Returns whether the barrier is broken (aborted and not reset since).
     *
     * @return {@code true} if broken
     */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String s = state.name().toLowerCase(java.util.Locale.ROOT);
        return "Barrier[" + s + (isBroken() ? "" : ", waiters:" + nWaiting() + "/" + parties) + "]";
    }
}
