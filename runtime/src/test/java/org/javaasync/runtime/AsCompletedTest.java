package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

class AsCompletedTest {

    @BothSchedulers
    void resultsArriveInCompletionOrder(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            for (Coroutine<String> next : asCompleted(List.of(sleep(3, "c"), sleep(1, "a"), sleep(2, "b")))) {
                log.add(await(next) + "@" + loop.time());
            }
        });
        assertEquals(List.of("a@1.0", "b@2.0", "c@3.0"), log);
    }

    @BothSchedulers
    void aFailureIsRethrownWhenItsTurnComes(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Coroutine<String> failing = async(() -> {
                await(sleep(2));
                throw new IllegalStateException("second");
            });
            for (Coroutine<String> next : asCompleted(List.of(sleep(1, "first"), failing, sleep(3, "third")))) {
                try {
                    log.add(await(next));
                } catch (IllegalStateException e) {
                    log.add("failed: " + e.getMessage());
                }
            }
        });
        assertEquals(List.of("first", "failed: second", "third"), log);
    }

    @BothSchedulers
    void afterTheTimeoutTheRemainingOnesRaiseTimeoutError(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<String> slow = createTask(sleep(10, "slow"));
            for (Coroutine<String> next : asCompleted(List.of(sleep(1, "fast"), slow), 2)) {
                try {
                    log.add(await(next) + "@" + loop.time());
                } catch (TimeoutError e) {
                    log.add("timeout@" + loop.time());
                }
            }
            assertEquals("slow", await(slow), "the timeout does not cancel the futures");
        });
        assertEquals(List.of("fast@1.0", "timeout@2.0"), log);
    }

    @BothSchedulers
    void asCompletedNeedsARunningLoop(EventLoop.Scheduler scheduler) {
        assertThrows(IllegalStateException.class, () -> asCompleted(List.of(sleep(1))));
    }
}
