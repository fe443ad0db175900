package org.javaasync.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopCallbacksTest {

    @BothSchedulers
    void callSoonRunsCallbacksInFifoOrder(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callSoon(() -> order.add(n));
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        loop.close();
    }

    @BothSchedulers
    void timersRunByDueTimeThenInSchedulingOrderAtExactVirtualTimes(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<String> order = new ArrayList<>();
        loop.callLater(2.0, () -> order.add("b@" + loop.time()));
        loop.callLater(1.0, () -> order.add("a1@" + loop.time()));
        loop.callAt(1.0, () -> order.add("a2@" + loop.time()));
        loop.callLater(0.0, () -> order.add("now@" + loop.time()));
        loop.callLater(3.0, loop::stop);
        loop.runForever();
        assertEquals(List.of("now@0.0", "a1@1.0", "a2@1.0", "b@2.0"), order);
        assertEquals(3.0, loop.time());
        loop.close();
    }

    @BothSchedulers
    void aCancelledHandleNeverRunsAndCancelledTimersDoNotMoveVirtualTime(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<String> order = new ArrayList<>();
        Handle soon = loop.callSoon(() -> order.add("soon"));
        TimerHandle later = loop.callLater(100, () -> order.add("later"));
        soon.cancel();
        later.cancel();
        assertTrue(soon.isCancelled());
        loop.callLater(1, loop::stop);
        loop.runForever();
        assertEquals(List.of(), order);
        assertEquals(1.0, loop.time());
        loop.close();
    }

    @BothSchedulers
    void callbacksScheduledWhileRunningWaitForTheNextIteration(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            order.add("first");
            loop.callSoon(() -> order.add("scheduled by first"));
        });
        loop.callSoon(() -> order.add("second"));
        loop.callSoon(loop::stop);
        loop.runForever();
        // stop() lets the current iteration finish; what was scheduled during it runs on the next run.
        assertEquals(List.of("first", "second"), order);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("first", "second", "scheduled by first"), order);
        loop.close();
    }

    @BothSchedulers
    void anExceptionInACallbackIsReportedAndTheLoopGoesOn(EventLoop.Scheduler scheduler) {
        List<String> reports = new ArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, reports::add);
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            throw new IllegalStateException("boom");
        });
        loop.callSoon(() -> order.add("after"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("after"), order);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("Exception in callback"), reports.get(0));
        assertTrue(reports.get(0).contains("boom"));
        loop.close();
    }

    @Test
    void callSoonThreadsafeWakesALoopThatWaitsForItsNextTimer() throws Exception {
        EventLoop loop = EventLoop.builder().build();
        CountDownLatch loopIsWaiting = new CountDownLatch(1);
        List<String> order = new ArrayList<>();
        loop.callSoon(loopIsWaiting::countDown);
        loop.callLater(3600, () -> order.add("an hour later"));
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                loopIsWaiting.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            loop.callSoonThreadsafe(() -> {
                order.add("from another thread on " + (loop.inEventLoop() ? "the loop" : "somewhere else"));
                loop.stop();
            });
        });
        long start = System.nanoTime();
        loop.runForever();
        other.join();
        assertEquals(List.of("from another thread on the loop"), order);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "woken, not timed out");
        loop.close();
    }

    @Test
    void stopFromAnotherThreadStopsALoopThatIsWaiting() throws Exception {
        EventLoop loop = EventLoop.builder().build();
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                running.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            loop.stop();
        });
        loop.runForever();
        other.join();
        assertFalse(loop.isRunning());
        loop.close();
    }

    @BothSchedulers
    void isRunningIsTrueOnlyWhileTheLoopRuns(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        boolean[] seen = new boolean[1];
        assertFalse(loop.isRunning());
        loop.callSoon(() -> {
            seen[0] = loop.isRunning() && loop.inEventLoop();
            loop.stop();
        });
        loop.runForever();
        assertTrue(seen[0]);
        assertFalse(loop.isRunning());
        loop.close();
    }

    @BothSchedulers
    void aClosedLoopRefusesWorkWithAClearError(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        loop.close();
        loop.close();
        assertTrue(loop.isClosed());
        var e = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
        assertTrue(e.getMessage().contains("Event loop is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.callLater(1, () -> {}));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> {}));
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(Asyncio.sleep(1)));
    }

    @BothSchedulers
    void runUntilCompleteReturnsTheResultAndRethrowsTheFailure(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        assertEquals(42, loop.runUntilComplete(Asyncio.sleep(5, 42)));
        assertEquals(5.0, loop.time());
        var e = assertThrows(ArithmeticException.class, () -> loop.runUntilComplete(Asyncio.async(() -> 1 / zero())));
        assertEquals("/ by zero", e.getMessage());
        loop.close();
    }

    private static int zero() {
        return 0;
    }

    @BothSchedulers
    void aLoopRunsSeveralTimesAndTasksCreatedBeforeItRunsStartWithIt(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<String> log = new ArrayList<>();
        Task<String> early = loop.createTask(Asyncio.async(() -> {
            log.add("early task starts@" + loop.time());
            Asyncio.await(Asyncio.sleep(10));
            return "early";
        }));
        assertEquals("first", loop.runUntilComplete(Asyncio.sleep(1, "first")));
        assertEquals("second", loop.runUntilComplete(Asyncio.sleep(1, "second")));
        assertEquals("early", loop.runUntilComplete(early));
        assertEquals(List.of("early task starts@0.0"), log);
        assertEquals(10.0, loop.time());
        loop.close();
    }

    @BothSchedulers
    void aTaskCreatedBeforeTheLoopRunsStartsAtItsPlaceInTheReadyQueue(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> log.add("callback before"));
        Task<Void> task = loop.createTask(Asyncio.async(() -> {
            log.add("task");
        }));
        loop.callSoon(() -> log.add("callback after"));
        loop.runUntilComplete(task);
        assertEquals(List.of("callback before", "task", "callback after"), log);
        loop.close();
    }
}
