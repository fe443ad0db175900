package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

class WaitTest {

    @BothSchedulers
    void firstCompletedReturnsAsSoonAsOneIsDoneAndLeavesTheOthersRunning(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> fast = createTask(sleep(1, "fast"));
            Task<String> slow = createTask(sleep(3, "slow"));
            WaitResult<String> r = await(Asyncio.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED));
            assertEquals(1.0, getRunningLoop().time());
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertEquals("slow", await(slow));
        });
    }

    @BothSchedulers
    void waitWithoutReturnWhenWaitsForAllAsAsyncioDoes(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> fast = createTask(sleep(1, "fast"));
            Task<String> slow = createTask(sleep(3, "slow"));
            WaitResult<String> r = await(Asyncio.wait(List.of(slow, fast)));
            assertEquals(3.0, getRunningLoop().time());
            assertEquals(Set.of(fast, slow), r.done());
            assertEquals(Set.of(), r.pending());
        });
    }

    @BothSchedulers
    void firstExceptionReturnsAtTheFirstFailure(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> ok = createTask(sleep(1, "ok"));
            Task<String> failing = createTask(() -> {
                await(sleep(2));
                throw new IllegalStateException("x");
            });
            Task<String> slow = createTask(sleep(5, "slow"));
            WaitResult<String> r = await(Asyncio.wait(List.of(ok, failing, slow), ReturnWhen.FIRST_EXCEPTION));
            assertEquals(2.0, getRunningLoop().time());
            assertEquals(Set.of(ok, failing), r.done());
            assertEquals(Set.of(slow), r.pending());
            slow.cancel();
        });
    }

    @BothSchedulers
    void firstExceptionWithoutFailuresWaitsForAll(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            WaitResult<String> r =
                    await(Asyncio.wait(List.of(sleep(1, "a"), sleep(2, "b")), ReturnWhen.FIRST_EXCEPTION));
            assertEquals(2.0, getRunningLoop().time());
            assertEquals(2, r.done().size());
            assertTrue(r.pending().isEmpty());
        });
    }

    @BothSchedulers
    void allCompletedWaitsForEveryOneIncludingFailures(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> failing = createTask(() -> {
                await(sleep(1));
                throw new IllegalStateException("x");
            });
            Task<String> slow = createTask(sleep(3, "slow"));
            WaitResult<String> r = await(Asyncio.wait(List.of(failing, slow), ReturnWhen.ALL_COMPLETED));
            assertEquals(3.0, getRunningLoop().time());
            assertEquals(Set.of(failing, slow), r.done());
            assertThrows(IllegalStateException.class, failing::result);
        });
    }

    @BothSchedulers
    void aTimeoutReturnsThePendingOnesWithoutRaisingOrCancelling(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> a = createTask(sleep(1, "a"));
            Task<String> b = createTask(sleep(5, "b"));
            WaitResult<String> r = await(Asyncio.wait(List.of(a, b), 2.5, ReturnWhen.ALL_COMPLETED));
            assertEquals(2.5, getRunningLoop().time());
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
            assertEquals("b", await(b));
        });
    }

    @BothSchedulers
    void waitingForNothingIsAnError(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> await(Asyncio.wait(List.<Task<String>>of(), ReturnWhen.ALL_COMPLETED)));
        });
    }
}
