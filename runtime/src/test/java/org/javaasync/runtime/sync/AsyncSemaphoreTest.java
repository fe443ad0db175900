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

import java.util.ArrayList;
import java.util.List;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualLoops.Trace;
import org.junit.jupiter.api.Test;

/** asyncio's {@code test_locks.SemaphoreTests}, ported: counting, FIFO fairness, cancellation, bounded release. */
class AsyncSemaphoreTest {

    private static Coroutine<Void> worker(AsyncSemaphore sem, Trace trace, String name, double hold) {
        return async(() -> {
            try (var _ = await(sem.acquire())) {
                trace.add(name);
                await(sleep(hold));
            }
        });
    }

    @Test
    void aNegativeInitialValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(-1));
    }

    @BothSchedulers
    void acquireTakesPermitsUntilNoneIsLeft(Scheduler scheduler) {
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(2);
            Permit a = await(sem.acquire());
            assertFalse(sem.locked());
            Permit b = await(sem.acquire());
            assertTrue(sem.locked());
            a.close();
            assertFalse(sem.locked());
            b.close();
        });
    }

    @BothSchedulers
    void atMostValueTasksHoldThePermitsAndTheRestFollowInOrder(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(2);
            List<Coroutine<Void>> all = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d", "e")) {
                all.add(worker(sem, trace, name, 1));
            }
            await(gather(all));
        });
        assertEquals(List.of("a@0.0", "b@0.0", "c@1.0", "d@1.0", "e@2.0"), trace.steps());
    }

    @BothSchedulers
    void aNewcomerDoesNotTakeAPermitAheadOfWokenWaiters(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(1);
            Permit held = await(sem.acquire());
            Task<Void> a = createTask(worker(sem, trace, "a", 1));
            await(sleep(0));
            held.close(); // a is handed the permit but has not run yet
            assertTrue(sem.locked(), "a woken waiter still counts: the semaphore is not free for newcomers");
            await(worker(sem, trace, "newcomer", 0));
            await(a);
        });
        assertEquals(List.of("a@0.0", "newcomer@1.0"), trace.steps());
    }

    @BothSchedulers
    void aWokenWaiterCancelledBeforeItRunsGivesItsPermitToTheNext(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(0);
            Task<Void> a = createTask(worker(sem, trace, "a", 0));
            Task<Void> b = createTask(worker(sem, trace, "b", 0));
            await(sleep(0));
            sem.release(); // hands the permit to a ...
            a.cancel(); // ... which is cancelled before it runs
            await(b);
            assertTrue(a.isCancelled());
            assertFalse(sem.locked());
        });
        assertEquals(List.of("b@0.0"), trace.steps());
    }

    @BothSchedulers
    void cancelledWaitersLeaveTheQueueWithoutTakingPermits(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(0);
            Task<Void> a = createTask(worker(sem, trace, "a", 0));
            Task<Void> b = createTask(worker(sem, trace, "b", 0));
            Task<Void> c = createTask(worker(sem, trace, "c", 0));
            await(sleep(0));
            a.cancel();
            b.cancel();
            await(sleep(0));
            sem.release();
            await(c);
            assertFalse(sem.locked());
        });
        assertEquals(List.of("c@0.0"), trace.steps());
    }

    @BothSchedulers
    void releasingSeveralPermitsWakesAsManyWaiters(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(0);
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(worker(sem, trace, name, 5))); // holders keep their permits
            }
            await(sleep(1));
            sem.release();
            sem.release();
            await(sleep(1));
            sem.release();
            await(gather(tasks));
        });
        assertEquals(List.of("a@1.0", "b@1.0", "c@2.0"), trace.steps());
    }

    @BothSchedulers
    void aPlainSemaphoreMayBeReleasedBeyondItsInitialValue(Scheduler scheduler) {
        run(scheduler, () -> {
            var sem = new AsyncSemaphore(1);
            sem.release();
            await(sem.acquire());
            await(sem.acquire());
            assertTrue(sem.locked());
        });
    }

    @BothSchedulers
    void aBoundedSemaphoreRaisesWhenReleasedMoreThanAcquired(Scheduler scheduler) {
        run(scheduler, () -> {
            var sem = new AsyncBoundedSemaphore(1);
            var e = assertThrows(IllegalStateException.class, sem::release);
            assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
            try (var _ = await(sem.acquire())) {
                assertTrue(sem.locked());
            }
            assertThrows(IllegalStateException.class, sem::release);
            assertFalse(sem.locked());
        });
    }
}
