package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class WaitForTest {

    @BothSchedulers
    void waitForReturnsTheResultWhenTheWorkFinishesInTime(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertEquals("done", await(waitFor(sleep(1, "done"), 2)));
            assertEquals(1.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void waitForCancelsTheInnerTaskOnTimeoutAndWaitsForItsCleanup(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<String> inner = createTask(() -> {
                try {
                    await(sleep(10));
                    return "late";
                } catch (CancelledError e) {
                    log.add("inner sees CancelledError@" + loop.time());
                    await(sleep(0.5));
                    log.add("inner cleanup done@" + loop.time());
                    throw e;
                }
            });
            var e = assertThrows(TimeoutError.class, () -> await(waitFor(inner, 2)));
            log.add("TimeoutError@" + loop.time());
            assertInstanceOf(CancelledError.class, e.getCause());
            assertTrue(inner.isCancelled());
            assertEquals(0, currentTask().cancelling(), "the timeout withdrew its own cancellation");
        });
        assertEquals(List.of("inner sees CancelledError@2.0", "inner cleanup done@2.5", "TimeoutError@2.5"), log);
    }

    @BothSchedulers
    void waitForRunsACoroutineInlineAndItSeesCancelledErrorNotTimeoutError(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<?> me = currentTask();
            Coroutine<String> work = async(() -> {
                log.add("same task: " + (currentTask() == me));
                try {
                    return await(sleep(10, "late"));
                } catch (CancelledError e) {
                    log.add("work sees CancelledError");
                    throw e;
                }
            });
            assertThrows(TimeoutError.class, () -> await(waitFor(work, 1.0)));
        });
        assertEquals(List.of("same task: true", "work sees CancelledError"), log);
    }

    @BothSchedulers
    void waitForWithANonPositiveTimeoutCancelsUnfinishedWorkAtOnce(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> done = createTask(sleep(0, "ready"));
            await(sleep(0));
            await(sleep(0));
            assertEquals("ready", await(waitFor(done, 0)));
            Task<String> pending = createTask(sleep(5, "x"));
            assertThrows(TimeoutError.class, () -> await(waitFor(pending, 0)));
            assertTrue(pending.isCancelled());
            assertEquals(0.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void cancellingTheWaiterFromOutsideCancelsTheWorkAndPropagatesCancelledError(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> inner = createTask(sleep(10, "x"));
            Task<String> waiter = createTask(() -> await(waitFor(inner, 5)));
            await(sleep(1));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
            assertTrue(inner.isCancelled());
            assertTrue(waiter.isCancelled());
        });
    }

    @BothSchedulers
    void aFailureInsideWaitForPropagatesAsItIs(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<String> failing = async(() -> {
                await(sleep(1));
                throw new IllegalStateException("inner failure");
            });
            var e = assertThrows(IllegalStateException.class, () -> await(waitFor(failing, 5)));
            assertEquals("inner failure", e.getMessage());
        });
    }
}
