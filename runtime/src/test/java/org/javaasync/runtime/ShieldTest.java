package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class ShieldTest {

    @BothSchedulers
    void cancellingTheAwaiterDoesNotCancelTheShieldedWork(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<String> work = createTask(() -> {
                await(sleep(3));
                log.add("work finished@" + loop.time());
                return "saved";
            });
            Task<String> awaiter = createTask(() -> await(shield(work)));
            await(sleep(1));
            awaiter.cancel();
            assertThrows(CancelledError.class, () -> await(awaiter));
            log.add("awaiter cancelled@" + loop.time());
            assertFalse(work.isCancelled());
            assertEquals("saved", await(work));
        });
        assertEquals(List.of("awaiter cancelled@1.0", "work finished@3.0"), log);
    }

    @BothSchedulers
    void theShieldFollowsTheResultAndFailureOfTheWork(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertEquals("v", await(shield(sleep(1, "v"))));
            var failing = async(() -> {
                await(sleep(1));
                throw new IllegalStateException("inner");
            });
            assertThrows(IllegalStateException.class, () -> await(shield(failing)));
        });
    }

    @BothSchedulers
    void cancellingTheInnerWorkCancelsTheShield(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> work = createTask(sleep(5, "x"));
            AsyncFuture<String> shielded = shield(work);
            await(sleep(1));
            work.cancel();
            assertThrows(CancelledError.class, () -> await(shielded));
            assertTrue(shielded.isCancelled());
        });
    }

    @BothSchedulers
    void shieldingADoneFutureReturnsIt(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> done = new AsyncFuture<>();
            done.setResult("d");
            assertSame(done, shield(done));
        });
    }
}
