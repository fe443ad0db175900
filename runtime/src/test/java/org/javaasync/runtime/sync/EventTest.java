package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.gather;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.Asyncio.waitFor;
import static org.javaasync.runtime.VirtualLoops.now;
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
import org.javaasync.runtime.TimeoutError;
import org.javaasync.runtime.VirtualLoops.Trace;

/** asyncio's {@code test_locks.EventTests}, ported: set wakes all, clear, cancellation, timeouts. */
class EventTest {

    private static Coroutine<Void> waiter(Event ev, Trace trace, String name) {
        return async(() -> {
            await(ev.waitUntilSet());
            trace.add(name);
        });
    }

    @BothSchedulers
    void setWakesEveryWaiterInTheOrderTheyStartedWaiting(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var ev = new Event();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(waiter(ev, trace, name)));
            }
            await(sleep(2));
            assertFalse(ev.isSet());
            trace.add("set");
            ev.set();
            await(gather(tasks));
            assertTrue(ev.isSet());
        });
        assertEquals(List.of("set@2.0", "a@2.0", "b@2.0", "c@2.0"), trace.steps());
    }

    @BothSchedulers
    void waitingOnASetEventReturnsWithoutLettingOtherTasksRun(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var ev = new Event();
            ev.set();
            Task<Void> other = createTask(async(() -> {
                trace.add("other");
            }));
            assertTrue(await(ev.waitUntilSet()));
            trace.add("main");
            await(other);
        });
        assertEquals(List.of("main@0.0", "other@0.0"), trace.steps());
    }

    @BothSchedulers
    void clearingRightAfterSetStillReleasesTheWokenWaiters(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var ev = new Event();
            Task<Void> a = createTask(waiter(ev, trace, "a"));
            await(sleep(0));
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            await(a);
            // A waiter arriving after clear() waits again.
            Task<Void> late = createTask(waiter(ev, trace, "late"));
            await(sleep(1));
            assertFalse(late.isDone());
            ev.set();
            await(late);
        });
        assertEquals(List.of("a@0.0", "late@1.0"), trace.steps());
    }

    @BothSchedulers
    void aCancelledWaiterIsRemovedAndTheOthersStillWake(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var ev = new Event();
            Task<Void> a = createTask(waiter(ev, trace, "a"));
            Task<Void> b = createTask(waiter(ev, trace, "b"));
            await(sleep(0));
            a.cancel();
            await(sleep(0));
            assertTrue(a.isCancelled());
            assertEquals("Event[unset, waiters:1]", ev.toString());
            ev.set();
            await(b);
            assertEquals("Event[set]", ev.toString());
        });
        assertEquals(List.of("b@0.0"), trace.steps());
    }

    @BothSchedulers
    void waitForGivesUpAtTheExactTimeoutAndLeavesNoWaiterBehind(Scheduler scheduler) {
        run(scheduler, () -> {
            var ev = new Event();
            assertThrows(TimeoutError.class, () -> await(waitFor(ev.waitUntilSet(), 1.5)));
            assertEquals(1.5, now());
            assertEquals("Event[unset]", ev.toString());
        });
    }
}
