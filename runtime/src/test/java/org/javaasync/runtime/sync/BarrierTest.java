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
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualLoops.Trace;
import org.junit.jupiter.api.Test;

/** asyncio's {@code test_locks.BarrierTests}, ported: release together, indices, cyclic use, abort, reset. */
class BarrierTest {

    /** A party that arrives after {@code delay} seconds and records its index when released. */
    private static Coroutine<Integer> party(Barrier barrier, Trace trace, String name, double delay) {
        return async(() -> {
            await(sleep(delay));
            int index = await(barrier.arriveAndWait());
            trace.add(name + "#" + index);
            return index;
        });
    }

    @Test
    void partiesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @BothSchedulers
    void everyPartyIsReleasedWhenTheLastArrivesWithItsArrivalIndex(Scheduler scheduler) {
        var trace = new Trace();
        List<Integer> indices = run(scheduler, () -> {
            var barrier = new Barrier(3);
            Task<Integer> a = createTask(party(barrier, trace, "a", 1));
            Task<Integer> b = createTask(party(barrier, trace, "b", 2));
            await(sleep(2.5));
            assertEquals(2, barrier.nWaiting());
            List<Integer> r = await(gather(a, b, party(barrier, trace, "c", 0.5)));
            assertEquals(0, barrier.nWaiting());
            return r;
        });
        assertEquals(List.of(0, 1, 2), indices);
        // The last party passes first (it does not suspend); then the others in arrival order.
        assertEquals(List.of("c#2@3.0", "a#0@3.0", "b#1@3.0"), trace.steps());
    }

    @BothSchedulers
    void theBarrierCanBeUsedAgainAfterItHasDrained(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var barrier = new Barrier(2);
            List<Coroutine<Void>> rounds = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                rounds.add(async(() -> {
                    for (int round = 1; round <= 2; round++) {
                        await(sleep(name.equals("a") ? 1 : 2));
                        await(barrier.arriveAndWait());
                        trace.add(name + round);
                    }
                }));
            }
            await(gather(rounds));
        });
        assertEquals(List.of("b1@2.0", "a1@2.0", "b2@4.0", "a2@4.0"), trace.steps());
    }

    @BothSchedulers
    void abortBreaksWaitingAndLaterPartiesUntilReset(Scheduler scheduler) {
        run(scheduler, () -> {
            var barrier = new Barrier(3);
            Task<Integer> a = createTask(barrier.arriveAndWait());
            await(sleep(1));
            await(barrier.abort());
            assertTrue(barrier.isBroken());
            var e = assertThrows(BrokenBarrierError.class, () -> await(a));
            assertEquals("Abort or reset of barrier", e.getMessage());
            assertThrows(BrokenBarrierError.class, () -> await(barrier.arriveAndWait()));
            await(barrier.reset());
            assertFalse(barrier.isBroken());
            List<Integer> r = await(gather(barrier.arriveAndWait(), barrier.arriveAndWait(), barrier.arriveAndWait()));
            assertEquals(List.of(0, 1, 2), r);
        });
    }

    @BothSchedulers
    void resetBreaksThePartiesWaitingNow(Scheduler scheduler) {
        run(scheduler, () -> {
            var barrier = new Barrier(3);
            Task<Integer> a = createTask(barrier.arriveAndWait());
            Task<Integer> b = createTask(barrier.arriveAndWait());
            await(sleep(1));
            await(barrier.reset());
            assertThrows(BrokenBarrierError.class, () -> await(a));
            assertThrows(BrokenBarrierError.class, () -> await(b));
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.nWaiting());
        });
    }

    @BothSchedulers
    void aCancelledPartyLeavesWithoutBreakingTheBarrier(Scheduler scheduler) {
        run(scheduler, () -> {
            var barrier = new Barrier(2);
            Task<Integer> a = createTask(barrier.arriveAndWait());
            await(sleep(1));
            assertEquals(1, barrier.nWaiting());
            a.cancel();
            await(sleep(0));
            assertTrue(a.isCancelled());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            List<Integer> r = await(gather(barrier.arriveAndWait(), barrier.arriveAndWait()));
            assertEquals(List.of(0, 1), r);
        });
    }
}
