package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.*;
import static org.javaasync.runtime.VirtualLoops.now;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.Task;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_queues.py}: basic, get, put, LIFO, priority, joinable and 3.13's
 * shutdown tests, on the virtual clock.
 */
class CpythonQueuesTest {

    @DisplayName("test_queues.py::QueueBasicTests::test_repr")
    @BothSchedulers
    void repr(Scheduler scheduler) {
        // Python shows _getters[1], _putters[1] and _queue=[1]; this queue says getters=1, putters=1, qsize=1.
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            assertTrue(q.toString().startsWith("AsyncQueue"), q.toString());
            createTask(q.get());
            await(sleep(0.1));
            assertTrue(q.toString().contains("getters=1"), q.toString());
            q.putNowait(0);

            AsyncQueue<Integer> bounded = new AsyncQueue<>(1);
            bounded.putNowait(1);
            createTask(bounded.put(2));
            await(sleep(0.1));
            assertTrue(bounded.toString().contains("putters=1"), bounded.toString());
            bounded.getNowait();

            AsyncQueue<Integer> one = new AsyncQueue<>();
            one.putNowait(1);
            assertTrue(one.toString().contains("qsize=1"), one.toString());
            await(sleep(0));
        });
    }

    @DisplayName("test_queues.py::QueueBasicTests::test_empty")
    @BothSchedulers
    void empty(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            assertTrue(q.empty());
            q.putNowait(1);
            assertFalse(q.empty());
            assertEquals(1, q.getNowait());
            assertTrue(q.empty());
        });
    }

    @DisplayName("test_queues.py::QueueBasicTests::test_full")
    @BothSchedulers
    void full(Scheduler scheduler) {
        run(scheduler, () -> {
            assertFalse(new AsyncQueue<Integer>().full());
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(1);
            assertTrue(q.full());
        });
    }

    @DisplayName("test_queues.py::QueueBasicTests::test_order")
    @BothSchedulers
    void order(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.putNowait(i);
            }
            assertEquals(List.of(1, 3, 2), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
        });
    }

    @DisplayName("test_queues.py::QueueBasicTests::test_maxsize")
    @BothSchedulers
    void maxsize(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> haveBeenPut = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    await(q.put(i));
                    haveBeenPut.add(i);
                }
                return true;
            });
            await(sleep(0.01));
            // The putter is blocked after putting two items.
            assertEquals(List.of(0, 1), haveBeenPut);
            assertEquals(0, q.getNowait());
            // Let the putter resume and put the last item.
            await(sleep(0.01));
            assertEquals(List.of(0, 1, 2), haveBeenPut);
            assertEquals(1, q.getNowait());
            assertEquals(2, q.getNowait());
            assertTrue(t.isDone());
            assertTrue(t.result());
            assertEquals(0.02, now(), 1e-9);
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_blocking_get")
    @BothSchedulers
    void blockingGet(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            q.putNowait(1);
            assertEquals(1, await(q.get()));
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_blocking_get_wait")
    @BothSchedulers
    void blockingGetWait(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            Event started = new Event();
            AtomicBoolean finished = new AtomicBoolean();
            getRunningLoop().callLater(0.01, () -> q.putNowait(1));
            Task<Integer> getTask = createTask(() -> {
                started.set();
                int res = await(q.get());
                finished.set(true);
                return res;
            });
            await(started.waitUntilSet());
            assertFalse(finished.get());
            assertEquals(1, await(getTask));
            assertTrue(finished.get());
            assertEquals(0.01, now(), 1e-9);
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_nonblocking_get")
    @BothSchedulers
    void nonblockingGet(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            q.putNowait(1);
            assertEquals(1, q.getNowait());
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_nonblocking_get_exception")
    @BothSchedulers
    void nonblockingGetException(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(QueueEmpty.class, () -> new AsyncQueue<Integer>().getNowait());
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_get_cancelled")
    @BothSchedulers
    void getCancelled(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            Task<Integer> getTask = createTask(waitFor(q.get(), 0.051));
            await(sleep(0.01)); // let the task start
            q.putNowait(1);
            assertEquals(1, await(getTask));
            assertEquals(0.01, now(), 1e-9);
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_get_cancelled_race")
    @BothSchedulers
    void getCancelledRace(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>();
            Task<String> t1 = createTask(q.get());
            Task<String> t2 = createTask(q.get());
            await(sleep(0));
            t1.cancel();
            await(sleep(0));
            assertTrue(t1.isDone());
            q.putNowait("a");
            await(sleep(0));
            assertEquals("a", t2.result());
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_get_with_waiting_putters")
    @BothSchedulers
    void getWithWaitingPutters(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            createTask(q.put("a"));
            createTask(q.put("b"));
            await(sleep(0));
            assertEquals("a", await(q.get()));
            assertEquals("b", await(q.get()));
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_why_are_getters_waiting")
    @BothSchedulers
    void whyAreGettersWaiting(Scheduler scheduler) {
        // Getters woken by one put each get an item; none waits with items in the queue.
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            List<Task<Integer>> getters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                getters.add(createTask(q.get()));
            }
            await(sleep(0));
            for (int i = 0; i < 3; i++) {
                await(q.put(i));
            }
            assertEquals(List.of(0, 1, 2), await(gather(getters)));
        });
    }

    @DisplayName("test_queues.py::QueueGetTests::test_cancelled_getters_not_being_held_in_self_getters")
    @BothSchedulers
    void cancelledGettersAreNotHeld(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            assertThrows(org.javaasync.runtime.TimeoutError.class, () -> await(waitFor(q.get(), 0.1)));
            assertTrue(q.toString().contains("getters=0") || !q.toString().contains("getters"), q.toString());
            q.putNowait(5);
            assertEquals(5, q.getNowait(), "the item went to no cancelled getter");
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_blocking_put")
    @BothSchedulers
    void blockingPut(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            await(q.put(1)); // no maxsize: does not block
            assertEquals(1, q.qsize());
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_blocking_put_wait")
    @BothSchedulers
    void blockingPutWait(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Event started = new Event();
            AtomicBoolean finished = new AtomicBoolean();
            getRunningLoop().callLater(0.01, q::getNowait);
            Task<Void> putTask = createTask(() -> {
                started.set();
                await(q.put(1));
                await(q.put(2));
                finished.set(true);
            });
            await(started.waitUntilSet());
            assertFalse(finished.get());
            await(putTask);
            assertTrue(finished.get());
            assertEquals(0.01, now(), 1e-9);
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_nonblocking_put_exception")
    @BothSchedulers
    void nonblockingPutException(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(1);
            assertThrows(QueueFull.class, () -> q.putNowait(2));
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_put_cancelled")
    @BothSchedulers
    void putCancelled(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            Task<Boolean> t = createTask(() -> {
                await(q.put(1));
                return true;
            });
            assertEquals(1, await(q.get()));
            await(t);
            assertTrue(t.result());
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_put_cancelled_race")
    @BothSchedulers
    void putCancelledRace(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            Task<Void> putA = createTask(q.put("a"));
            Task<Void> putB = createTask(q.put("b"));
            Task<Void> putC = createTask(q.put("X"));
            await(sleep(0));
            assertTrue(putA.isDone());
            assertFalse(putB.isDone());
            putC.cancel();
            await(sleep(0));
            assertTrue(putC.isDone());
            assertEquals("a", q.getNowait());
            await(sleep(0));
            assertEquals("b", q.getNowait());
            await(putB);
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_put_with_waiting_getters")
    @BothSchedulers
    void putWithWaitingGetters(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>();
            Task<String> t = createTask(q.get());
            await(sleep(0));
            await(q.put("a"));
            assertEquals("a", await(t));
        });
    }

    @DisplayName("test_queues.py::QueuePutTests::test_cancelled_puts_not_being_held_in_self_putters")
    @BothSchedulers
    void cancelledPuttersAreNotHeld(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(1);
            Task<Void> put = createTask(q.put(2));
            await(sleep(0));
            put.cancel();
            assertThrows(CancelledError.class, () -> await(put));
            assertEquals(1, q.getNowait());
            assertTrue(q.empty(), "the cancelled put left nothing behind");
        });
    }

    @DisplayName("test_queues.py::LifoQueueTests::test_order")
    @BothSchedulers
    void lifoOrder(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncLifoQueue<Integer> q = new AsyncLifoQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.putNowait(i);
            }
            assertEquals(List.of(2, 3, 1), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
        });
    }

    @DisplayName("test_queues.py::PriorityQueueTests::test_order")
    @BothSchedulers
    void priorityOrder(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncPriorityQueue<Integer> q = new AsyncPriorityQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.putNowait(i);
            }
            assertEquals(List.of(1, 2, 3), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
        });
    }

    @DisplayName("test_queues.py::JoinableQueueTests::test_task_done_underflow")
    @BothSchedulers
    void taskDoneUnderflow(Scheduler scheduler) {
        run(scheduler, () -> {
            assertThrows(IllegalStateException.class, () -> new AsyncQueue<Integer>().taskDone());
        });
    }

    @DisplayName("test_queues.py::JoinableQueueTests::test_task_done")
    @BothSchedulers
    void taskDone(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            for (int i = 0; i < 100; i++) {
                q.putNowait(i);
            }
            AtomicInteger accumulator = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                tasks.add(createTask(() -> {
                    while (running.get()) {
                        int item = await(q.get());
                        accumulator.addAndGet(item);
                        q.taskDone();
                    }
                }));
            }
            await(q.join());
            assertEquals(4950, accumulator.get());
            running.set(false);
            for (int i = 0; i < tasks.size(); i++) {
                q.putNowait(0);
            }
            await(org.javaasync.runtime.Asyncio.wait(tasks));
        });
    }

    @DisplayName("test_queues.py::JoinableQueueTests::test_join_empty_queue")
    @BothSchedulers
    void joinEmptyQueue(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            await(q.join());
            await(q.join());
            assertEquals(0.0, now());
        });
    }

    @DisplayName("test_queues.py::_QueueShutdownTestMixin::test_shutdown_empty")
    @BothSchedulers
    void shutdownEmpty(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>();
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> await(q.put("data")));
            assertThrows(QueueShutDown.class, () -> await(q.get()));
            assertThrows(QueueShutDown.class, q::getNowait);
        });
    }

    @DisplayName("test_queues.py::_QueueShutdownTestMixin::test_shutdown_nonempty")
    @BothSchedulers
    void shutdownNonEmpty(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            q.putNowait("data");
            q.shutdown();
            assertEquals("data", await(q.get()), "items are still handed out");
            assertThrows(QueueShutDown.class, () -> await(q.get()));
        });
    }

    @DisplayName("test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate")
    @BothSchedulers
    void shutdownImmediate(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>();
            q.putNowait("data");
            q.shutdown(true);
            assertThrows(QueueShutDown.class, () -> await(q.get()));
            assertThrows(QueueShutDown.class, q::getNowait);
        });
    }

    @DisplayName("test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate_with_unfinished")
    @BothSchedulers
    void shutdownImmediateWithUnfinished(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> q = new AsyncQueue<>();
            q.putNowait("data");
            q.putNowait("data");
            await(q.get());
            Task<Void> joiner = createTask(q.join());
            await(sleep(0));
            q.shutdown(true);
            await(sleep(0));
            assertFalse(joiner.isDone(), "the item taken still counts");
            q.taskDone();
            await(joiner);
            assertThrows(IllegalStateException.class, q::taskDone);
        });
    }

    // Not a CPython case by itself: queues.py's shutdown wakes every blocked getter and putter.
    @BothSchedulers
    void shutdownWakesBlockedGettersAndPutters(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncQueue<String> full = new AsyncQueue<>(1);
            full.putNowait("x");
            Task<Void> putter = createTask(full.put("y"));
            AsyncQueue<String> emptyQueue = new AsyncQueue<>();
            Task<String> getter = createTask(emptyQueue.get());
            await(sleep(0));
            full.shutdown();
            emptyQueue.shutdown();
            assertThrows(QueueShutDown.class, () -> await(putter));
            assertThrows(QueueShutDown.class, () -> await(getter));
        });
    }
}
