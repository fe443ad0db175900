package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class TimeoutScopeTest {

    @BothSchedulers
    void aBlockThatFinishesInTimeIsUntouched(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Timeout scope;
            try (var t = timeout(2)) {
                scope = t;
                await(sleep(1));
            }
            assertFalse(scope.expired());
            assertEquals(1.0, getRunningLoop().time());
            await(sleep(5));
            assertEquals(6.0, getRunningLoop().time(), "the deadline was cancelled with the scope");
        });
    }

    @BothSchedulers
    void anExpiredScopeCancelsTheAwaitAndRaisesTimeoutError(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Timeout[] scope = new Timeout[1];
            var e = assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(2)) {
                    scope[0] = t;
                    try {
                        await(sleep(10));
                    } finally {
                        log.add("finally@" + loop.time());
                    }
                    log.add("not reached");
                }
            });
            assertInstanceOf(CancelledError.class, e.getCause());
            assertTrue(scope[0].expired());
            assertEquals(0, currentTask().cancelling());
            await(sleep(1));
            log.add("task goes on@" + loop.time());
        });
        assertEquals(List.of("finally@2.0", "task goes on@3.0"), log);
    }

    @BothSchedulers
    void rescheduleMovesTheDeadline(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    assertEquals(1.0, t.when());
                    t.reschedule(loop.time() + 3);
                    await(sleep(10));
                }
            });
            assertEquals(3.0, loop.time());
            try (var t = timeoutAt(null)) {
                assertNull(t.when());
                await(sleep(2));
                t.reschedule(null);
            }
            assertEquals(5.0, loop.time());
        });
    }

    @BothSchedulers
    void anOuterCancellationWinsOverTheTimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                try (var t = timeout(1)) {
                    await(sleep(10));
                }
            });
            // Both the timeout and an outside cancel land at t=1: the task must end cancelled, not timed out.
            getRunningLoop().callLater(1, () -> task.cancel("outside"));
            assertThrows(CancelledError.class, () -> await(task));
            assertTrue(task.isCancelled());
        });
    }

    @BothSchedulers
    void nestedScopesRaiseTimeoutErrorFromTheOneThatExpired(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            try (var outer = timeout(5)) {
                try (var inner = timeout(1)) {
                    await(sleep(10));
                } catch (TimeoutError e) {
                    log.add("inner timed out@" + loop.time());
                }
                await(sleep(10));
            } catch (TimeoutError e) {
                log.add("outer timed out@" + loop.time());
            }
        });
        assertEquals(List.of("inner timed out@1.0", "outer timed out@5.0"), log);
    }

    @BothSchedulers
    void aTimeoutOutsideATaskIsAClearError(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        var e = assertThrows(IllegalStateException.class, () -> timeout(1));
        assertTrue(e.getMessage().contains("Asyncio.run"), e.getMessage());
        loop.close();
    }

    @BothSchedulers
    void anExpiredScopeCannotBeRescheduled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            try (var t = timeout(1)) {
                try {
                    await(sleep(5));
                } catch (TimeoutError e) {
                    assertThrows(IllegalStateException.class, () -> t.reschedule(10.0));
                }
            }
        });
    }

    @BothSchedulers
    void aDeadlineInThePastExpiresAtTheNextAwait(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            await(sleep(5));
            try (var t = timeoutAt(1.0)) {
                log.add("block runs@" + loop.time());
                await(sleep(0));
                log.add("not reached");
            } catch (TimeoutError e) {
                log.add("timed out@" + loop.time());
            }
        });
        assertEquals(List.of("block runs@5.0", "timed out@5.0"), log);
    }
}
