package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.*;
import static org.javaasync.runtime.VirtualLoops.now;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TimeoutError;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_locks.py}: {@code LockTests}, {@code EventTests},
 * {@code ConditionTests}, {@code SemaphoreTests} and {@code BarrierTests}, on the virtual clock. {@code RuntimeError}
 * and {@code ValueError} of misuse are {@link IllegalStateException} and {@link IllegalArgumentException}.
 */
class CpythonLocksTest {

    // ---- LockTests -------------------------------------------------------------------------------------------

    @DisplayName("test_locks.py::LockTests::test_repr")
    @BothSchedulers
    void lockRepr(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            assertTrue(lock.toString().contains("[unlocked"), lock.toString());
            await(lock.acquire());
            assertTrue(lock.toString().contains("[locked"), lock.toString());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_lock")
    @BothSchedulers
    void lock(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            await(lock.acquire());
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_acquire")
    @BothSchedulers
    void lockAcquireIsFifo(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            await(lock.acquire());
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    await(lock.acquire());
                    result.add(n);
                    return true;
                }));
            }
            await(sleep(0));
            assertEquals(List.of(), result);
            lock.release();
            await(sleep(0));
            assertEquals(List.of(1), result);
            await(sleep(0));
            assertEquals(List.of(1), result);
            Task<Boolean> t3 = createTask(() -> {
                await(lock.acquire());
                result.add(4);
                return true;
            });
            lock.release();
            await(sleep(0));
            assertEquals(List.of(1, 2), result);
            lock.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3), result);
            lock.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3, 4), result);
            for (Task<Boolean> t : tasks) {
                assertTrue(t.result());
            }
            assertTrue(await(t3));
        });
    }

    @DisplayName("test_locks.py::LockTests::test_acquire_cancel")
    @BothSchedulers
    void lockAcquireCancel(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Permit> task = createTask(lock.acquire());
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledError.class, () -> await(task));
            assertTrue(lock.locked(), "still held by its owner");
            assertFalse(lock.toString().contains("waiters"), lock.toString());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_cancel_race")
    @BothSchedulers
    void lockCancelRace(Scheduler scheduler) {
        // A holds the lock; B and C wait; B is cancelled; A releases: C must get the lock.
        run(scheduler, () -> {
            Lock lock = new Lock();
            Task<Void> ta = createTask(() -> {
                await(lock.acquire());
                await(sleep(0.1));
                lock.release();
            });
            await(sleep(0));
            assertTrue(lock.locked());
            Task<Permit> tb = createTask(lock.acquire());
            Task<Permit> tc = createTask(lock.acquire());
            await(sleep(0));
            tb.cancel();
            await(ta);
            await(tc);
            assertTrue(tb.isCancelled());
            assertTrue(lock.locked());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_cancel_release_race")
    @BothSchedulers
    void lockCancelReleaseRace(Scheduler scheduler) {
        // A waiter woken by a release and cancelled in the same iteration passes the lock on.
        run(scheduler, () -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Permit> t1 = createTask(lock.acquire());
            Task<Permit> t2 = createTask(lock.acquire());
            Task<Permit> t3 = createTask(lock.acquire());
            await(sleep(0));
            lock.release(); // wakes t1
            t1.cancel();
            t2.cancel();
            await(sleep(0));
            await(sleep(0));
            assertTrue(t1.isCancelled());
            assertTrue(t2.isCancelled());
            assertTrue(t3.isDone() && !t3.isCancelled(), "the lock went to t3");
            assertTrue(lock.locked());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_finished_waiter_cancelled")
    @BothSchedulers
    void lockFinishedWaiterCancelled(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Permit> ta = createTask(lock.acquire());
            await(sleep(0));
            Task<Permit> tb = createTask(lock.acquire());
            await(sleep(0));
            lock.release(); // a's waiter is done; a has not run yet
            ta.cancel();
            await(sleep(0));
            await(sleep(0));
            assertTrue(ta.isCancelled());
            assertTrue(tb.isDone() && !tb.isCancelled(), "b acquires in a's place");
        });
    }

    @DisplayName("test_locks.py::LockTests::test_release_not_acquired")
    @BothSchedulers
    void lockReleaseNotAcquired(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(IllegalStateException.class, () -> new Lock().release());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_release_no_waiters")
    @BothSchedulers
    void lockReleaseNoWaiters(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            await(lock.acquire());
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @DisplayName("test_locks.py::LockTests::test_context_manager")
    @BothSchedulers
    void lockContextManager(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            try (var _ = await(lock.acquire())) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
        });
    }

    // ---- EventTests ------------------------------------------------------------------------------------------

    @DisplayName("test_locks.py::EventTests::test_repr")
    @BothSchedulers
    void eventRepr(Scheduler scheduler) {
        run(scheduler, () -> {
            Event ev = new Event();
            assertTrue(ev.toString().contains("[unset"), ev.toString());
            ev.set();
            assertTrue(ev.toString().contains("[set"), ev.toString());
            ev.clear();
            createTask(ev.waitUntilSet());
            await(sleep(0));
            assertTrue(ev.toString().contains("waiters:1"), ev.toString());
            ev.set();
        });
    }

    @DisplayName("test_locks.py::EventTests::test_wait")
    @BothSchedulers
    void eventWait(Scheduler scheduler) {
        run(scheduler, () -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    if (await(ev.waitUntilSet())) {
                        result.add(n);
                    }
                    return true;
                }));
            }
            await(sleep(0));
            assertEquals(List.of(), result);
            ev.set();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3), result);
            for (Task<Boolean> t : tasks) {
                assertTrue(t.result());
            }
        });
    }

    @DisplayName("test_locks.py::EventTests::test_wait_on_set")
    @BothSchedulers
    void eventWaitOnSet(Scheduler scheduler) {
        run(scheduler, () -> {
            Event ev = new Event();
            ev.set();
            assertTrue(await(ev.waitUntilSet()));
        });
    }

    @DisplayName("test_locks.py::EventTests::test_wait_cancel")
    @BothSchedulers
    void eventWaitCancel(Scheduler scheduler) {
        run(scheduler, () -> {
            Event ev = new Event();
            Task<Boolean> wait = createTask(ev.waitUntilSet());
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledError.class, () -> await(wait));
            assertFalse(ev.toString().contains("waiters"), ev.toString());
        });
    }

    @DisplayName("test_locks.py::EventTests::test_clear")
    @BothSchedulers
    void eventClear(Scheduler scheduler) {
        run(scheduler, () -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            ev.set();
            assertTrue(ev.isSet());
            ev.clear();
            assertFalse(ev.isSet());
        });
    }

    @DisplayName("test_locks.py::EventTests::test_clear_with_waiters")
    @BothSchedulers
    void eventClearWithWaiters(Scheduler scheduler) {
        // Waiters woken by set() return true even if the event is cleared before they run.
        run(scheduler, () -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                if (await(ev.waitUntilSet())) {
                    result.add(1);
                }
                return true;
            });
            await(sleep(0));
            assertEquals(List.of(), result);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            ev.clear();
            await(sleep(0));
            assertEquals(List.of(1), result);
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }

    // ---- ConditionTests --------------------------------------------------------------------------------------

    @DisplayName("test_locks.py::ConditionTests::test_wait")
    @BothSchedulers
    void conditionWait(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    await(cond.acquire());
                    if (await(cond.waitNotified())) {
                        result.add(n);
                    }
                    return true;
                }));
            }
            await(sleep(0));
            assertEquals(List.of(), result);
            assertFalse(cond.locked());
            await(cond.acquire());
            cond.signal();
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());
            tasks.get(0).result();
            cond.release(); // task 1 still holds it
            await(cond.acquire());
            cond.signal(2);
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1, 2), result);
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3), result);
            cond.release();
            for (Task<Boolean> t : tasks) {
                assertTrue(t.result());
            }
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_wait_cancel")
    @BothSchedulers
    void conditionWaitCancel(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            await(cond.acquire());
            Task<Boolean> wait = createTask(cond.waitNotified());
            getRunningLoop().callSoon(wait::cancel);
            // asyncio's Lock has no owner: the lock held by this task lets the other task wait
            assertThrows(CancelledError.class, () -> await(wait));
            assertTrue(cond.locked());
            cond.release();
            Task<Boolean> waiter = createTask(() -> {
                await(cond.acquire());
                try {
                    return await(cond.waitNotified());
                } finally {
                    // asyncio: a cancelled wait re-acquires the lock before the error goes on
                    assertTrue(cond.locked());
                    cond.release();
                }
            });
            await(sleep(0));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
            assertFalse(cond.locked());
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_wait_cancel_after_notify")
    @BothSchedulers
    void conditionWaitCancelAfterNotify(Scheduler scheduler) {
        // A waiter notified then cancelled before it runs hands the notification on (no lost wakeup).
        run(scheduler, () -> {
            Condition cond = new Condition();
            List<Integer> woken = new ArrayList<>();
            List<Task<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                waiters.add(createTask(() -> {
                    await(cond.acquire());
                    try {
                        await(cond.waitNotified());
                        woken.add(n);
                    } finally {
                        cond.release();
                    }
                }));
            }
            await(sleep(0));
            await(cond.acquire());
            cond.signal(1);
            cond.release();
            waiters.get(0).cancel();
            await(sleep(0));
            await(sleep(0));
            await(sleep(0));
            assertTrue(waiters.get(0).isCancelled());
            assertEquals(List.of(1), woken, "the notification went to the other waiter");
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_wait_unacquired")
    @BothSchedulers
    void conditionWaitUnacquired(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            assertThrows(IllegalStateException.class, () -> await(cond.waitNotified()));
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_wait_for")
    @BothSchedulers
    void conditionWaitFor(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                await(cond.acquire());
                if (await(cond.waitFor(() -> presult[0]))) {
                    result.add(1);
                    cond.release();
                }
                return true;
            });
            await(sleep(0));
            assertEquals(List.of(), result);
            await(cond.acquire());
            cond.signal();
            cond.release();
            await(sleep(0));
            assertEquals(List.of(), result);
            presult[0] = true;
            await(cond.acquire());
            cond.signal();
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1), result);
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_wait_for_unacquired")
    @BothSchedulers
    void conditionWaitForUnacquired(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            // predicate can return true immediately
            assertThrows(IllegalStateException.class, () -> await(cond.waitFor(() -> false)));
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_notify")
    @BothSchedulers
    void conditionNotify(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    await(cond.acquire());
                    if (await(cond.waitNotified())) {
                        result.add(n);
                        cond.release();
                    }
                    return true;
                }));
            }
            await(sleep(0));
            assertEquals(List.of(), result);
            await(cond.acquire());
            cond.signal(1);
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1), result);
            await(cond.acquire());
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3), result);
            for (Task<Boolean> t : tasks) {
                assertTrue(t.result());
            }
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_notify_all")
    @BothSchedulers
    void conditionNotifyAll(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int n = i;
                createTask(() -> {
                    await(cond.acquire());
                    if (await(cond.waitNotified())) {
                        result.add(n);
                        cond.release();
                    }
                });
            }
            await(sleep(0));
            assertEquals(List.of(), result);
            await(cond.acquire());
            cond.signalAll();
            cond.release();
            await(sleep(0));
            assertEquals(List.of(1, 2), result);
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_notify_unacquired")
    @BothSchedulers
    void conditionNotifyUnacquired(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(IllegalStateException.class, () -> new Condition().signal());
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_notify_all_unacquired")
    @BothSchedulers
    void conditionNotifyAllUnacquired(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(IllegalStateException.class, () -> new Condition().signalAll());
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_explicit_lock")
    @BothSchedulers
    void conditionExplicitLock(Scheduler scheduler) {
        run(scheduler, () -> {
            Lock lock = new Lock();
            Condition cond = new Condition(lock);
            await(lock.acquire());
            assertTrue(cond.locked());
            lock.release();
            assertFalse(cond.locked());
            await(cond.acquire());
            assertTrue(lock.locked());
            cond.release();
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_context_manager")
    @BothSchedulers
    void conditionContextManager(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            try (var _ = await(cond.acquire())) {
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
        });
    }

    @DisplayName("test_locks.py::ConditionTests::test_timeout_in_block")
    @BothSchedulers
    void conditionTimeoutInBlock(Scheduler scheduler) {
        run(scheduler, () -> {
            Condition cond = new Condition();
            try (var _ = await(cond.acquire())) {
                assertThrows(TimeoutError.class, () -> await(waitFor(cond.waitNotified(), 0.5)));
                assertTrue(cond.locked(), "the lock is held again after the timeout");
            }
            assertFalse(cond.locked());
        });
    }

    // ---- SemaphoreTests --------------------------------------------------------------------------------------

    @DisplayName("test_locks.py::SemaphoreTests::test_initial_value_zero")
    @BothSchedulers
    void semaphoreInitialValueZero(Scheduler scheduler) {
        run(scheduler, () -> assertTrue(new AsyncSemaphore(0).locked()));
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_repr")
    @BothSchedulers
    void semaphoreRepr(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore();
            assertTrue(sem.toString().contains("unlocked, value:1"), sem.toString());
            await(sem.acquire());
            assertTrue(sem.toString().contains("locked"), sem.toString());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_semaphore_value")
    @BothSchedulers
    void semaphoreValue(Scheduler scheduler) {
        assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(-1));
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire")
    @BothSchedulers
    void semaphoreAcquire(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(3);
            List<Integer> result = new ArrayList<>();
            await(sem.acquire());
            await(sem.acquire());
            assertFalse(sem.locked());
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    await(sem.acquire());
                    result.add(n);
                    return true;
                }));
            }
            await(sleep(0));
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            sem.release();
            sem.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(sem.locked());
            sem.release();
            await(sleep(0));
            assertEquals(List.of(1, 2, 3, 4), result);
            for (Task<Boolean> t : tasks) {
                assertTrue(t.result());
            }
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_cancel")
    @BothSchedulers
    void semaphoreAcquireCancel(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore();
            await(sem.acquire());
            Task<Permit> acquire = createTask(sem.acquire());
            getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancelledError.class, () -> await(acquire));
            assertTrue(sem.locked());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_cancel_before_awoken")
    @BothSchedulers
    void semaphoreAcquireCancelBeforeAwoken(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(0);
            Task<Permit> t1 = createTask(sem.acquire());
            Task<Permit> t2 = createTask(sem.acquire());
            Task<Permit> t3 = createTask(sem.acquire());
            Task<Permit> t4 = createTask(sem.acquire());
            await(sleep(0));
            t1.cancel();
            t2.cancel();
            sem.release();
            await(sleep(0));
            await(sleep(0));
            int done = 0;
            for (Task<Permit> t : List.of(t3, t4)) {
                if (t.isDone()) {
                    done++;
                }
            }
            assertEquals(1, done, "the one permit went to one of the waiters that were not cancelled");
            t3.cancel();
            t4.cancel();
            await(sleep(0));
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_hang")
    @BothSchedulers
    void semaphoreAcquireHang(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(0);
            Task<Permit> t1 = createTask(sem.acquire());
            Task<Permit> t2 = createTask(sem.acquire());
            await(sleep(0));
            t1.cancel();
            sem.release();
            await(sleep(0));
            await(sleep(0));
            assertTrue(sem.locked());
            assertTrue(t2.isDone());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_no_hang")
    @BothSchedulers
    void semaphoreAcquireNoHang(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            Task<Void> c1 = createTask(() -> {
                try (var _ = await(sem.acquire())) {
                    await(sleep(0));
                }
            });
            Task<Void> c2 = createTask(() -> {
                try (var _ = await(sem.acquire())) {
                    // nothing
                }
            });
            Task<Void> c3 = createTask(() -> {
                try (var _ = await(sem.acquire())) {
                    await(sleep(0));
                }
            });
            await(sleep(0));
            c2.cancel();
            await(waitFor(gather(c1, c3), 0.1));
            assertFalse(sem.locked());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_release_not_acquired")
    @BothSchedulers
    void boundedSemaphoreReleaseNotAcquired(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(IllegalStateException.class, () -> new AsyncBoundedSemaphore().release());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_release_no_waiters")
    @BothSchedulers
    void semaphoreReleaseNoWaiters(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore();
            await(sem.acquire());
            assertTrue(sem.locked());
            sem.release();
            assertFalse(sem.locked());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_context_manager")
    @BothSchedulers
    void semaphoreContextManager(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(2);
            try (var _ = await(sem.acquire())) {
                assertFalse(sem.locked());
                try (var __ = await(sem.acquire())) {
                    assertTrue(sem.locked());
                }
            }
            assertFalse(sem.locked());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_timeout_in_block")
    @BothSchedulers
    void semaphoreTimeoutInBlock(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            try (var _ = await(sem.acquire())) {
                assertThrows(TimeoutError.class, () -> await(waitFor(sem.acquire(), 0.5)));
            }
            assertFalse(sem.locked());
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_fifo_order_3")
    @BothSchedulers
    void semaphoreAcquireFifoOrder3(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(0);
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    await(sem.acquire());
                    result.add(n);
                    return true;
                }));
            }
            await(sleep(0));
            tasks.get(0).cancel();
            await(sleep(0));
            sem.release();
            sem.release();
            await(gatherReturningExceptions(tasks));
            assertEquals(List.of(2, 3), result);
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_fifo_order_2")
    @BothSchedulers
    void semaphoreAcquireFifoOrder2(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = createTask(() -> {
                await(sem.acquire());
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = createTask(() -> {
                await(sem.acquire());
                result.add(2);
                sem.release();
                await(sem.acquire());
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = createTask(() -> {
                await(sem.acquire());
                result.add(3);
                return true;
            });
            await(sleep(0));
            sem.release();
            sem.release();
            await(gather(List.of(t1, t2, t3)));
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }

    @DisplayName("test_locks.py::SemaphoreTests::test_acquire_fifo_order")
    @BothSchedulers
    void semaphoreAcquireFifoOrder(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            List<String> result = new ArrayList<>();
            await(taskGroup(tg -> {
                for (String tag : List.of("c1", "c2", "c3")) {
                    tg.createTask(() -> {
                        await(sem.acquire());
                        result.add(tag + "_1");
                        await(sleep(0.01));
                        sem.release();
                        await(sem.acquire());
                        result.add(tag + "_2");
                        await(sleep(0.01));
                        sem.release();
                    });
                }
            }));
            assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
        });
    }

    @DisplayName("test_locks.py::BarrierTests::test_barrier")
    @BothSchedulers
    void barrier(Scheduler scheduler) {
        run(scheduler, () -> {
            Barrier barrier = new Barrier(1);
            assertEquals(0, await(barrier.arriveAndWait()));
            assertFalse(barrier.isBroken());
        });
    }

    @DisplayName("test_locks.py::BarrierTests::test_barrier_parties")
    @BothSchedulers
    void barrierParties(Scheduler scheduler) {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(3, new Barrier(3).parties());
    }

    @DisplayName("test_locks.py::BarrierTests::test_filling_task_by_task")
    @BothSchedulers
    void barrierFillingTaskByTask(Scheduler scheduler) {
        run(scheduler, () -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = createTask(barrier.arriveAndWait());
            await(sleep(0));
            assertEquals(1, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"), barrier.toString());
            Task<Integer> t2 = createTask(barrier.arriveAndWait());
            await(sleep(0));
            assertEquals(2, barrier.nWaiting());
            Task<Integer> t3 = createTask(barrier.arriveAndWait());
            await(sleep(0));
            Set<Integer> indices = new TreeSet<>(await(gather(List.of(t1, t2, t3))));
            assertEquals(Set.of(0, 1, 2), indices, "each party gets its own index");
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @DisplayName("test_locks.py::BarrierTests::test_reset_barrier")
    @BothSchedulers
    void barrierReset(Scheduler scheduler) {
        run(scheduler, () -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> waiter = createTask(barrier.arriveAndWait());
            await(sleep(0));
            await(barrier.reset());
            assertThrows(BrokenBarrierError.class, () -> await(waiter));
            assertFalse(barrier.isBroken(), "a reset barrier works again");
            Task<Integer> a = createTask(barrier.arriveAndWait());
            int b = await(barrier.arriveAndWait());
            assertEquals(Set.of(0, 1), Set.of(await(a), b));
        });
    }

    @DisplayName("test_locks.py::BarrierTests::test_abort_barrier")
    @BothSchedulers
    void barrierAbort(Scheduler scheduler) {
        run(scheduler, () -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> waiter = createTask(barrier.arriveAndWait());
            await(sleep(0));
            await(barrier.abort());
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierError.class, () -> await(waiter));
            assertThrows(BrokenBarrierError.class, () -> await(barrier.arriveAndWait()));
        });
    }

    @DisplayName("test_locks.py::BarrierTests::test_filling_tasks_cancel_one")
    @BothSchedulers
    void barrierFillingTasksCancelOne(Scheduler scheduler) {
        run(scheduler, () -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            AsyncSupplierFactory coro = () -> createTask(() -> {
                await(barrier.arriveAndWait());
                results.add(true);
            });
            Task<Void> t1 = coro.start();
            await(sleep(0));
            assertEquals(1, barrier.nWaiting());
            Task<Void> t2 = coro.start();
            await(sleep(0));
            assertEquals(2, barrier.nWaiting());
            t1.cancel();
            await(sleep(0));
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancelledError.class, () -> await(t1));
            assertTrue(t1.isCancelled());
            Task<Void> t3 = coro.start();
            await(sleep(0));
            assertEquals(2, barrier.nWaiting());
            Task<Void> t4 = coro.start();
            await(gather(List.of(t2, t3, t4)));
            assertEquals(List.of(true, true, true), results);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            assertEquals(0.0, now());
        });
    }

    private interface AsyncSupplierFactory {
        Task<Void> start();
    }
}
