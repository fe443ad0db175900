package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class GatherTest {

    private static Coroutine<String> after(double seconds, String value, List<String> log) {
        return async("after", () -> {
            await(sleep(seconds));
            log.add(value + "@" + getRunningLoop().time());
            return value;
        });
    }

    @BothSchedulers
    void gatherKeepsInputOrderWhenTasksFinishOutOfOrder(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        List<String> results = TestLoops.run(
                scheduler, () -> await(gather(after(3, "a", log), after(1, "b", log), after(2, "c", log))));
        assertEquals(List.of("a", "b", "c"), results);
        assertEquals(List.of("b@1.0", "c@2.0", "a@3.0"), log);
    }

    @BothSchedulers
    void theFirstExceptionPropagatesWhileTheOthersKeepRunning(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<String> slow = createTask(after(5, "slow", log));
            Coroutine<String> failing = async(() -> {
                await(sleep(1));
                throw new IllegalArgumentException("bad input");
            });
            var e = assertThrows(IllegalArgumentException.class, () -> await(gather(slow, failing)));
            assertEquals("bad input", e.getMessage());
            assertEquals(1.0, loop.time());
            assertEquals("slow", await(slow), "the other child was not cancelled");
            assertEquals(5.0, loop.time());
        });
        assertEquals(List.of("slow@5.0"), log);
    }

    @BothSchedulers
    void gatherReturningExceptionsPutsFailuresInPlaceOfResults(EventLoop.Scheduler scheduler) {
        IllegalStateException failure = new IllegalStateException("nope");
        List<Object> results = TestLoops.run(scheduler, () -> {
            Task<String> cancelled = createTask(sleep(10, "never"));
            Coroutine<String> failing = async(() -> {
                await(sleep(1));
                throw failure;
            });
            getRunningLoop().callLater(2, () -> cancelled.cancel("cancelled child"));
            return await(gatherReturningExceptions(sleep(3, "ok"), failing, cancelled));
        });
        assertEquals("ok", results.get(0));
        assertSame(failure, results.get(1));
        assertInstanceOf(CancelledError.class, results.get(2));
        assertEquals("cancelled child", ((CancelledError) results.get(2)).getMessage());
    }

    @BothSchedulers
    void aCancelledChildFailsGatherWithCancelledError(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> child = createTask(sleep(10, "x"));
            getRunningLoop().callLater(1, child::cancel);
            assertThrows(CancelledError.class, () -> await(gather(child, sleep(2, "y"))));
        });
    }

    @BothSchedulers
    void cancellingTheGatherCancelsEveryChild(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> a = createTask(sleep(10, "a"));
            Task<String> b = createTask(sleep(10, "b"));
            AsyncFuture<List<String>> all = gather(a, b);
            await(sleep(1));
            assertTrue(all.cancel());
            assertThrows(CancelledError.class, () -> await(all));
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
        });
    }

    @BothSchedulers
    void gatherOfNothingIsAnEmptyListAndTheSameAwaitableTwiceRunsOnce(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            assertEquals(List.of(), await(gather(List.<Coroutine<String>>of())));
            Coroutine<String> once = after(1, "once", log);
            assertEquals(List.of("once", "once"), await(gather(once, once)));
        });
        assertEquals(List.of("once@1.0"), log);
    }

    @BothSchedulers
    void theSameFutureGivenTwiceIsOneChildWhetherPendingOrDone(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> pending = createTask(sleep(1, "p"));
            Task<String> done = createTask(sleep(0, "d"));
            await(sleep(0));
            await(sleep(0));
            assertTrue(done.isDone());
            Coroutine<String> coro = sleep(0.5, "c");
            List<String> results = await(gather(List.of(pending, done, coro, pending, done, coro)));
            assertEquals(List.of("p", "d", "c", "p", "d", "c"), results);
            assertEquals(1.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void aCoroutineThatAlreadyRanElsewhereCannotBeGathered(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<String> ran = sleep(0, "ran");
            await(ran);
            Coroutine<String> fresh = sleep(0, "fresh");
            var e = assertThrows(IllegalStateException.class, () -> gather(fresh, ran, fresh));
            assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
            await(sleep(0)); // lets the task made for the fresh coroutine finish before the loop closes
        });
    }

    @BothSchedulers
    void cancellingTheTaskThatAwaitsGatherCancelsTheChildren(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> a = createTask(sleep(10, "a"));
            Task<List<String>> waiter = createTask(() -> await(gather(a, sleep(10, "b"))));
            await(sleep(1));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
            assertTrue(a.isCancelled());
        });
    }
}
