package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class CancellationTest {

    @BothSchedulers
    void cancellationIsDeliveredAtTheAwaitPointWithItsMessage(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<Void> sleeper = createTask(() -> {
                log.add("sleeping");
                try {
                    await(sleep(10));
                    log.add("woke up normally");
                } catch (CancelledError e) {
                    log.add("cancelled at await@" + loop.time() + ": " + e.getMessage());
                    throw e;
                }
            });
            await(sleep(1));
            assertTrue(sleeper.cancel("shutting down"));
            assertFalse(sleeper.isDone(), "cancel is a request; the task has not run yet");
            var e = assertThrows(CancelledError.class, () -> await(sleeper));
            assertEquals("shutting down", e.getMessage());
            assertTrue(sleeper.isCancelled());
            assertFalse(sleeper.cancel(), "cancelling a done task returns false");
        });
        assertEquals(List.of("sleeping", "cancelled at await@1.0: shutting down"), log);
    }

    @BothSchedulers
    void cleanupInFinallyMayAwaitAfterCancellation(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<Void> worker = createTask(() -> {
                try {
                    await(sleep(10));
                } finally {
                    log.add("cleanup starts@" + loop.time());
                    await(sleep(2));
                    log.add("cleanup ends@" + loop.time());
                }
            });
            await(sleep(1));
            worker.cancel();
            assertThrows(CancelledError.class, () -> await(worker));
            log.add("main sees cancelled@" + loop.time());
        });
        assertEquals(List.of("cleanup starts@1.0", "cleanup ends@3.0", "main sees cancelled@3.0"), log);
    }

    @BothSchedulers
    void aTaskThatCatchesCancelledErrorAndReturnsIsNotCancelled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> stubborn = createTask(() -> {
                try {
                    await(sleep(10));
                    return "slept";
                } catch (CancelledError e) {
                    return "refused";
                }
            });
            await(sleep(1));
            stubborn.cancel();
            assertEquals("refused", await(stubborn));
            assertFalse(stubborn.isCancelled());
            assertEquals(1, stubborn.cancelling());
        });
    }

    @BothSchedulers
    void aTaskCancelledBeforeItStartsNeverRunsItsBody(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<Void> never = createTask(() -> {
                log.add("body ran");
            });
            never.cancel("too late");
            var e = assertThrows(CancelledError.class, () -> await(never));
            assertEquals("too late", e.getMessage());
        });
        assertEquals(List.of(), log);
    }

    @BothSchedulers
    void cancellingATaskCancelsTheTaskItAwaits(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<Void> inner = createTask(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    log.add("inner cancelled");
                    throw e;
                }
            });
            Task<Void> outer = createTask(() -> {
                try {
                    await(inner);
                } catch (CancelledError e) {
                    log.add("outer cancelled");
                    throw e;
                }
            });
            await(sleep(1));
            outer.cancel();
            await(gatherReturningExceptions(outer, inner));
            assertTrue(inner.isCancelled());
            assertTrue(outer.isCancelled());
        });
        assertEquals(List.of("inner cancelled", "outer cancelled"), log);
    }

    @BothSchedulers
    void aSelfCancelledTaskGetsCancelledErrorAtItsNextAwaitAndTheAwaitedFutureIsCancelled(
            EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            Task<String> self = createTask(() -> {
                currentTask().cancel();
                return await(f);
            });
            assertThrows(CancelledError.class, () -> await(self));
            assertTrue(self.isCancelled());
            assertTrue(f.isCancelled(), "asyncio cancels the future a cancelled task yields");
        });
    }

    @BothSchedulers
    void aCancelRequestedWhileTheTaskFinishesItsLastStepCancelsIt(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> task = createTask(() -> {
                currentTask().cancel();
                return "finished anyway?";
            });
            assertThrows(CancelledError.class, () -> await(task));
            assertTrue(task.isCancelled());
        });
    }

    @BothSchedulers
    void cancellingCountsRequestsAndUncancelWithdrawsThem(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                Task<?> me = currentTask();
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    log.add("cancelling=" + me.cancelling());
                    assertEquals(1, me.uncancel());
                    assertEquals(0, me.uncancel());
                }
                await(sleep(1));
                log.add("went on after uncancel");
            });
            await(sleep(0));
            task.cancel();
            task.cancel();
            assertEquals(2, task.cancelling());
            await(task);
        });
        assertEquals(List.of("cancelling=2", "went on after uncancel"), log);
    }

    @BothSchedulers
    void uncancelToZeroDropsACancellationNotYetDelivered(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> task = createTask(() -> {
                await(sleep(0));
                return "not cancelled";
            });
            await(sleep(0));
            task.cancel();
            task.uncancel();
            assertEquals("not cancelled", await(task));
        });
    }

    @BothSchedulers
    void cancellingTheMainCoroutineFromACallbackEndsRunWithCancelledError(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        Task<Void> main = loop.createTask(sleep(100));
        loop.callLater(1, () -> main.cancel("stop"));
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertEquals("stop", e.getMessage());
        assertEquals(1.0, loop.time());
        loop.close();
    }
}
