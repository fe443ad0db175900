package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.gather;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualLoops.Trace;

/** asyncio's {@code test_locks.LockTests}, ported: fairness, cancellation, misuse. Runs on both schedulers. */
class LockTest {

    /** A task body that takes the lock, records it, holds it for {@code hold} seconds and releases it. */
    private static Coroutine<Void> worker(Lock lock, Trace trace, String name, double hold) {
        return async(() -> {
            try (var _ = await(lock.acquire())) {
                trace.add(name);
                await(sleep(hold));
            }
        });
    }

    @BothSchedulers
    void acquiringAFreeLockLocksItWithoutWaiting(Scheduler scheduler) {
        run(scheduler, () -> {
            var lock = new Lock();
            assertFalse(lock.locked());
            Permit p = await(lock.acquire());
            assertTrue(lock.locked());
            p.close();
            assertFalse(lock.locked());
            p.close(); // a permit releases once only
            assertFalse(lock.locked());
        });
    }

    @BothSchedulers
    void waitersGetTheLockInTheOrderTheyAsked(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var lock = new Lock();
            await(gather(worker(lock, trace, "a", 1), worker(lock, trace, "b", 1), worker(lock, trace, "c", 1)));
        });
        assertEquals(List.of("a@0.0", "b@1.0", "c@2.0"), trace.steps());
    }

    @BothSchedulers
    void releasingAnUnlockedLockRaisesAClearError(Scheduler scheduler) {
        run(scheduler, () -> {
            var lock = new Lock();
            var e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().startsWith("Lock is not acquired"), e.getMessage());
        });
    }

    @BothSchedulers
    void aCancelledWaiterLeavesTheQueueAndTheNextWaiterGetsTheLock(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var lock = new Lock();
            Permit held = await(lock.acquire());
            Task<Void> a = createTask(worker(lock, trace, "a", 0));
            Task<Void> b = createTask(worker(lock, trace, "b", 0));
            Task<Void> c = createTask(worker(lock, trace, "c", 0));
            await(sleep(0));
            b.cancel();
            await(sleep(0));
            assertTrue(b.isCancelled());
            held.close();
            await(gather(a, c));
            assertFalse(lock.locked());
        });
        assertEquals(List.of("a@0.0", "c@0.0"), trace.steps());
    }

    @BothSchedulers
    void aWaiterWokenButCancelledBeforeItRunsPassesTheWakeUpOn(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var lock = new Lock();
            Permit held = await(lock.acquire());
            Task<Void> a = createTask(worker(lock, trace, "a", 0));
            Task<Void> b = createTask(worker(lock, trace, "b", 0));
            await(sleep(0));
            held.close(); // wakes a ...
            a.cancel(); // ... which is cancelled before it can run: b must get the lock
            await(sleep(0));
            await(sleep(0));
            await(b);
            assertTrue(a.isCancelled());
            assertFalse(lock.locked());
        });
        assertEquals(List.of("b@0.0"), trace.steps());
    }

    @BothSchedulers
    void aNewcomerDoesNotJumpAheadOfAWokenWaiter(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var lock = new Lock();
            Permit held = await(lock.acquire());
            Task<Void> a = createTask(worker(lock, trace, "a", 1));
            await(sleep(0));
            held.close(); // a is woken but has not run yet
            assertFalse(lock.locked());
            await(worker(lock, trace, "newcomer", 0)); // must queue behind a
            await(a);
        });
        assertEquals(List.of("a@0.0", "newcomer@1.0"), trace.steps());
    }

    @BothSchedulers
    void aFreeLockWhoseWaitersAreAllCancelledIsTakenAtOnce(Scheduler scheduler) {
        run(scheduler, () -> {
            var lock = new Lock();
            Permit held = await(lock.acquire());
            Task<Permit> a = createTask(lock.acquire());
            await(sleep(0));
            a.cancel();
            held.close();
            // a's future is cancelled but a has not run yet to remove it: asyncio still lets us in at once.
            try (var _ = await(lock.acquire())) {
                assertTrue(lock.locked());
            }
            await(sleep(0));
            assertTrue(a.isCancelled());
        });
    }

    @BothSchedulers
    void tryWithResourcesReleasesTheLockWhenTheBodyThrows(Scheduler scheduler) {
        run(scheduler, () -> {
            var lock = new Lock();
            assertThrows(ArithmeticException.class, () -> {
                try (var _ = await(lock.acquire())) {
                    throw new ArithmeticException("boom");
                }
            });
            assertFalse(lock.locked());
        });
    }

    @BothSchedulers
    void cancellingTheHolderWhileItWaitsInsideReleasesTheLock(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var lock = new Lock();
            Task<Void> holder = createTask(worker(lock, trace, "holder", 10));
            Task<Void> next = createTask(worker(lock, trace, "next", 0));
            await(sleep(1));
            holder.cancel();
            await(next);
            assertThrows(CancelledError.class, () -> await(holder));
        });
        assertEquals(List.of("holder@0.0", "next@1.0"), trace.steps());
    }

    @BothSchedulers
    void aLockUsedFromASecondLoopRaises(Scheduler scheduler) {
        var lock = new Lock();
        Permit held = run(scheduler, () -> {
            Permit p = await(lock.acquire());
            Task<Permit> waiter = createTask(lock.acquire()); // binds the lock to this loop
            await(sleep(0));
            waiter.cancel();
            await(sleep(0));
            return p;
        });
        run(scheduler, () -> {
            var e = assertThrows(IllegalStateException.class, () -> await(lock.acquire()));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        });
        held.close();
    }
}
