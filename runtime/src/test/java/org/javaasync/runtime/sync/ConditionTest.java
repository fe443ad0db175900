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
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualLoops.Trace;

/** asyncio's {@code test_locks.ConditionTests}, ported: notify order, predicates, cancellation, misuse. */
class ConditionTest {

    private static Coroutine<Void> waiter(Condition cond, Trace trace, String name) {
        return async(() -> {
            try (var _ = await(cond.acquire())) {
                await(cond.waitNotified());
                assertTrue(cond.locked(), "the lock is held again after the wait");
                trace.add(name);
            }
        });
    }

    private static List<Task<Void>> waiters(Condition cond, Trace trace, String... names) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : names) {
            tasks.add(createTask(waiter(cond, trace, name)));
        }
        return tasks;
    }

    @BothSchedulers
    void signalWakesWaitersOneAtATimeInFifoOrder(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var cond = new Condition();
            List<Task<Void>> tasks = waiters(cond, trace, "a", "b", "c");
            await(sleep(1));
            try (var _ = await(cond.acquire())) {
                cond.signal();
            }
            await(sleep(1));
            try (var _ = await(cond.acquire())) {
                cond.signal(2);
            }
            await(gather(tasks));
        });
        assertEquals(List.of("a@1.0", "b@2.0", "c@2.0"), trace.steps());
    }

    @BothSchedulers
    void signalAllWakesEveryWaiter(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var cond = new Condition();
            List<Task<Void>> tasks = waiters(cond, trace, "a", "b", "c");
            await(sleep(1));
            try (var _ = await(cond.acquire())) {
                cond.signalAll();
                trace.add("signalled");
            }
            await(gather(tasks));
        });
        assertEquals(List.of("signalled@1.0", "a@1.0", "b@1.0", "c@1.0"), trace.steps());
    }

    @BothSchedulers
    void waitingOrSignallingWithoutTheLockRaises(Scheduler scheduler) {
        run(scheduler, () -> {
            var cond = new Condition();
            var e = assertThrows(IllegalStateException.class, () -> await(cond.waitNotified()));
            assertTrue(e.getMessage().startsWith("cannot wait on un-acquired lock"), e.getMessage());
            assertThrows(IllegalStateException.class, cond::signal);
            assertThrows(IllegalStateException.class, cond::signalAll);
            assertThrows(IllegalStateException.class, cond::release);
        });
    }

    @BothSchedulers
    void waitForReturnsOnlyOnceThePredicateHolds(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var cond = new Condition();
            int[] value = {0};
            Task<Void> t = createTask(async(() -> {
                try (var _ = await(cond.acquire())) {
                    await(cond.waitFor(() -> value[0] == 2));
                    trace.add("saw 2");
                }
            }));
            for (int i = 1; i <= 2; i++) {
                await(sleep(1));
                try (var _ = await(cond.acquire())) {
                    value[0] = i;
                    cond.signalAll();
                }
            }
            await(t);
        });
        assertEquals(List.of("saw 2@2.0"), trace.steps());
    }

    @BothSchedulers
    void aCancelledWaitReacquiresTheLockBeforeRaising(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var cond = new Condition();
            Task<Void> t = createTask(async(() -> {
                await(cond.acquire());
                try {
                    await(cond.waitNotified());
                } catch (CancelledError e) {
                    trace.add("cancelled, locked=" + cond.locked());
                    cond.release();
                    throw e;
                }
            }));
            await(sleep(1));
            Permit held = await(cond.acquire()); // t will have to wait for this lock after its cancellation
            t.cancel();
            await(sleep(1));
            assertFalse(t.isDone(), "t waits for the lock before its CancelledError propagates");
            held.close();
            assertThrows(CancelledError.class, () -> await(t));
            assertFalse(cond.locked());
        });
        assertEquals(List.of("cancelled, locked=true@2.0"), trace.steps());
    }

    @BothSchedulers
    void aNotifiedWaiterCancelledBeforeItRunsPassesTheNotificationOn(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var cond = new Condition();
            List<Task<Void>> tasks = waiters(cond, trace, "a", "b");
            await(sleep(1));
            try (var _ = await(cond.acquire())) {
                cond.signal(); // notifies a ...
                tasks.get(0).cancel(); // ... which is cancelled before it runs: b gets the notification
            }
            await(tasks.get(1));
            assertTrue(tasks.get(0).isCancelled());
        });
        assertEquals(List.of("b@1.0"), trace.steps());
    }

    @BothSchedulers
    void conditionsCanShareOneLock(Scheduler scheduler) {
        run(scheduler, () -> {
            var lock = new Lock();
            var c1 = new Condition(lock);
            var c2 = new Condition(lock);
            try (var _ = await(c1.acquire())) {
                assertTrue(c2.locked());
                assertTrue(lock.locked());
            }
            assertFalse(c2.locked());
        });
    }
}
