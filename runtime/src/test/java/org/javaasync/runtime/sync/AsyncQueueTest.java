package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.gather;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.VirtualLoops.now;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualLoops.Trace;

/** asyncio's {@code test_queues}, ported: ordering, blocking, cancellation races, join/taskDone, shutdown. */
class AsyncQueueTest {

    @BothSchedulers
    void itemsComeOutFifoLifoOrByPriority(Scheduler scheduler) {
        run(scheduler, () -> {
            var fifo = new AsyncQueue<Integer>();
            var lifo = new AsyncLifoQueue<Integer>();
            var prio = new AsyncPriorityQueue<Integer>();
            var reversed = new AsyncPriorityQueue<Integer>(0, Comparator.reverseOrder());
            for (int i : List.of(2, 3, 1)) {
                fifo.putNowait(i);
                lifo.putNowait(i);
                prio.putNowait(i);
                await(reversed.put(i));
            }
            List<Integer> f = new ArrayList<>(), l = new ArrayList<>(), p = new ArrayList<>(), r = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                f.add(await(fifo.get()));
                l.add(lifo.getNowait());
                p.add(await(prio.get()));
                r.add(reversed.getNowait());
            }
            assertEquals(List.of(2, 3, 1), f);
            assertEquals(List.of(1, 3, 2), l);
            assertEquals(List.of(1, 2, 3), p);
            assertEquals(List.of(3, 2, 1), r);
        });
    }

    @BothSchedulers
    void nullIsAnOrdinaryItemLikePythonsNone(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<String>();
            var lifo = new AsyncLifoQueue<String>();
            await(q.put(null));
            lifo.putNowait(null);
            assertEquals(1, q.qsize());
            assertNull(await(q.get()));
            assertNull(lifo.getNowait());
            assertTrue(q.empty());
            var prio = new AsyncPriorityQueue<String>();
            assertThrows(NullPointerException.class, () -> prio.putNowait(null));
            assertEquals(0, prio.qsize());
        });
    }

    @BothSchedulers
    void getWaitsForAPutAndGettersAreServedInOrder(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var q = new AsyncQueue<String>();
            List<Task<Void>> getters = new ArrayList<>();
            for (String name : List.of("g1", "g2")) {
                getters.add(createTask(async(() -> {
                    trace.add(name + " got " + await(q.get()));
                })));
            }
            await(sleep(1));
            q.putNowait("x");
            await(sleep(1));
            await(q.put("y"));
            await(gather(getters));
        });
        assertEquals(List.of("g1 got x@1.0", "g2 got y@2.0"), trace.steps());
    }

    @BothSchedulers
    void putOnAFullQueueWaitsUntilAGetFreesASlot(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>(2);
            assertEquals(2, q.maxsize());
            Task<Void> producer = createTask(async(() -> {
                for (int i = 0; i < 4; i++) {
                    await(q.put(i));
                    trace.add("put " + i);
                }
            }));
            await(sleep(1));
            assertTrue(q.full());
            assertThrows(QueueFull.class, () -> q.putNowait(9));
            for (int i = 0; i < 4; i++) {
                trace.add("got " + await(q.get()));
                await(sleep(1));
            }
            await(producer);
        });
        assertEquals(
                List.of(
                        "put 0@0.0",
                        "put 1@0.0",
                        "got 0@1.0",
                        "put 2@1.0",
                        "got 1@2.0",
                        "put 3@2.0",
                        "got 2@3.0",
                        "got 3@4.0"),
                trace.steps());
    }

    @BothSchedulers
    void nowaitVariantsRaiseInsteadOfWaiting(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>(1);
            assertThrows(QueueEmpty.class, q::getNowait);
            q.putNowait(1);
            assertThrows(QueueFull.class, () -> q.putNowait(2));
            assertEquals(1, q.getNowait());
            var unbounded = new AsyncQueue<Integer>(0);
            for (int i = 0; i < 1000; i++) {
                unbounded.putNowait(i);
            }
            assertFalse(unbounded.full());
        });
    }

    @BothSchedulers
    void joinReturnsOnceEveryItemIsMarkedDone(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>();
            await(q.join()); // nothing unfinished: returns at once
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            Task<Void> worker = createTask(async(() -> {
                while (true) {
                    await(q.get());
                    await(sleep(1));
                    q.taskDone();
                }
            }));
            await(q.join());
            trace.add("joined");
            worker.cancel();
            var e = assertThrows(IllegalStateException.class, q::taskDone);
            assertTrue(e.getMessage().contains("too many times"), e.getMessage());
        });
        assertEquals(List.of("joined@3.0"), trace.steps());
    }

    @BothSchedulers
    void aGetterWokenButCancelledPassesTheItemToTheNextGetter(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var q = new AsyncQueue<String>();
            Task<String> g1 = createTask(q.get());
            Task<String> g2 = createTask(q.get());
            await(sleep(0));
            q.putNowait("x"); // wakes g1 ...
            g1.cancel(); // ... which is cancelled before it runs
            trace.add("g2 got " + await(g2));
            assertTrue(g1.isCancelled());
            assertEquals(0, q.qsize());
        });
        assertEquals(List.of("g2 got x@0.0"), trace.steps());
    }

    @BothSchedulers
    void aPutterWokenButCancelledPassesTheSlotToTheNextPutter(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<String>(1);
            q.putNowait("first");
            Task<Void> p1 = createTask(q.put("p1"));
            Task<Void> p2 = createTask(q.put("p2"));
            await(sleep(0));
            assertEquals("first", q.getNowait()); // wakes p1 ...
            p1.cancel(); // ... which is cancelled before it runs
            await(p2);
            assertTrue(p1.isCancelled());
            assertEquals("p2", q.getNowait());
            assertTrue(q.empty());
        });
    }

    @BothSchedulers
    void cancelledWaitersLeaveNoTrace(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>(1);
            Task<Integer> getter = createTask(q.get());
            await(sleep(0));
            getter.cancel();
            await(sleep(0));
            q.putNowait(1);
            Task<Void> putter = createTask(q.put(2));
            await(sleep(0));
            putter.cancel();
            await(sleep(0));
            assertEquals("AsyncQueue[maxsize=1, qsize=1, tasks=1]", q.toString());
            assertEquals(1, await(q.get()));
        });
    }

    @BothSchedulers
    void shutdownLetsGettersDrainTheQueueThenRaises(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>(1);
            q.putNowait(1);
            Task<Void> blockedPutter = createTask(q.put(2));
            await(sleep(1));
            q.shutdown();
            assertTrue(q.isShutdown());
            assertThrows(QueueShutDown.class, () -> await(blockedPutter));
            assertThrows(QueueShutDown.class, () -> q.putNowait(3));
            assertEquals(1, await(q.get()));
            assertThrows(QueueShutDown.class, () -> await(q.get()));
            assertThrows(QueueShutDown.class, q::getNowait);
        });
    }

    @BothSchedulers
    void shutdownWakesBlockedGettersWithQueueShutDown(Scheduler scheduler) {
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>();
            Task<Integer> g1 = createTask(q.get());
            Task<Integer> g2 = createTask(q.get());
            await(sleep(1));
            q.shutdown(false);
            assertThrows(QueueShutDown.class, () -> await(g1));
            assertThrows(QueueShutDown.class, () -> await(g2));
            assertEquals(1.0, now());
        });
    }

    @BothSchedulers
    void immediateShutdownDropsItemsAndReleasesJoin(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var q = new AsyncQueue<Integer>();
            q.putNowait(1);
            q.putNowait(2);
            q.putNowait(3);
            assertEquals(1, await(q.get())); // taken but not marked done: join still waits for it
            Task<Void> joiner = createTask(async(() -> {
                await(q.join());
                trace.add("joined");
            }));
            await(sleep(1));
            q.shutdown(true);
            assertTrue(q.empty());
            assertThrows(QueueShutDown.class, q::getNowait);
            await(sleep(1));
            assertFalse(joiner.isDone(), "the item taken before the shutdown is still unfinished");
            q.taskDone();
            await(joiner);
        });
        assertEquals(List.of("joined@2.0"), trace.steps());
    }
}
