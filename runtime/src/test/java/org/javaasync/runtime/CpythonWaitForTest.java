package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;

/** CPython's {@code Lib/test/test_asyncio/test_waitfor.py}, every case, on the virtual clock. */
class CpythonWaitForTest {
    private static final double EPSILON = 0.0001;

    /** A task that runs for 0.2 s of loop time, ignoring cancel requests. */
    static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;

        Coroutine<Void> run() {
            return async(() -> {
                double exitAt = getRunningLoop().time() + TASK_TIMEOUT;
                while (true) {
                    double toSleep = exitAt - getRunningLoop().time();
                    if (toSleep <= 0) {
                        break;
                    }
                    try {
                        await(sleep(toSleep));
                    } catch (CancelledError ignored) {
                        // keeps going
                    }
                }
                exited = true;
            });
        }
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_cancelled")
    @BothSchedulers
    void asyncioWaitForCancelled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            SlowTask t = new SlowTask();
            Task<Void> waitForTask = createTask(waitFor(t.run(), SlowTask.TASK_TIMEOUT * 2));
            await(sleep(0));
            waitForTask.cancel();
            await(Asyncio.wait(List.of(waitForTask)));
            assertTrue(t.exited);
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_asyncio_wait_for_timeout")
    @BothSchedulers
    void asyncioWaitForTimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            SlowTask t = new SlowTask();
            try {
                await(waitFor(t.run(), SlowTask.TASK_TIMEOUT / 2));
            } catch (TimeoutError expected) {
                // the body ignored its cancellation and finished late
            }
            assertTrue(t.exited);
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_future_done")
    @BothSchedulers
    void waitForTimeoutLessThen0Or0FutureDone(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<String> fut = loop.createFuture();
            fut.setResult("done");
            double t0 = loop.time();
            String ret = await(waitFor(fut, 0));
            double t1 = loop.time();
            assertEquals("done", ret);
            assertTrue(fut.isDone());
            assertEquals(t0, t1);
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started")
    @BothSchedulers
    void waitForTimeoutLessThen0Or0CoroutineDoNotStarted(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AtomicBoolean fooStarted = new AtomicBoolean();
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> await(waitFor(async(() -> fooStarted.set(true)), 0)));
            double t1 = loop.time();
            assertFalse(fooStarted.get());
            assertEquals(t0, t1);
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_timeout_less_then_0_or_0")
    @BothSchedulers
    void waitForTimeoutLessThen0Or0(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            for (double timeout : new double[] {0, -1}) {
                AtomicReference<Boolean> fooRunning = new AtomicReference<>();
                AsyncFuture<Void> started = loop.createFuture();
                Task<String> fut = createTask(() -> {
                    fooRunning.set(true);
                    started.setResult(null);
                    try {
                        await(sleep(10));
                    } finally {
                        fooRunning.set(false);
                    }
                    return "done";
                });
                await(started);
                double t0 = loop.time();
                assertThrows(TimeoutError.class, () -> await(waitFor(fut, timeout)));
                double t1 = loop.time();
                assertTrue(fut.isDone());
                assertTrue(fut.isCancelled(), "cancelled because of the timeout");
                assertFalse(fooRunning.get());
                assertEquals(t0, t1);
            }
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for")
    @BothSchedulers
    void waitForCancelsTheTaskAtTheDeadline(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AtomicReference<Boolean> fooRunning = new AtomicReference<>();
            Task<String> fut = createTask(() -> {
                fooRunning.set(true);
                try {
                    await(sleep(10));
                } finally {
                    fooRunning.set(false);
                }
                return "done";
            });
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> await(waitFor(fut, 0.1)));
            double t1 = loop.time();
            assertTrue(fut.isDone());
            assertTrue(fut.isCancelled());
            assertEquals(0.1, t1 - t0, 1e-9);
            assertFalse(fooRunning.get());
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_blocking")
    @BothSchedulers
    void waitForBlocking(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            String res = await(waitFor(async(() -> "done"), null));
            assertEquals("done", res);
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_race_condition")
    @BothSchedulers
    void waitForRaceCondition(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<String> fut = loop.createFuture();
            Coroutine<String> task = waitFor(fut, 0.2);
            loop.callLater(0.1, () -> fut.setResult("ok"));
            assertEquals("ok", await(task));
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancellation_race_condition")
    @BothSchedulers
    void waitForCancellationRaceCondition(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<Integer> inner = async(() -> {
                assertThrows(CancelledError.class, () -> await(sleep(1)));
                return 1;
            });
            assertEquals(1, await(waitFor(inner, 0.01)));
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation")
    @BothSchedulers
    void waitForWaitsForTaskCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicBoolean taskDone = new AtomicBoolean();
            Task<Void> innerTask = createTask(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    await(sleep(EPSILON));
                    throw e;
                } finally {
                    taskDone.set(true);
                }
            });
            var cm = assertThrows(TimeoutError.class, () -> await(waitFor(innerTask, EPSILON)));
            assertTrue(taskDone.get());
            assertInstanceOf(CancelledError.class, cm.getCause());
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_waits_for_task_cancellation_w_timeout_0")
    @BothSchedulers
    void waitForWaitsForTaskCancellationWithTimeout0(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicBoolean taskDone = new AtomicBoolean();
            Coroutine<Void> foo = async(() -> {
                Task<Void> innerTask = createTask(() -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        await(sleep(EPSILON));
                        throw e;
                    } finally {
                        taskDone.set(true);
                    }
                });
                await(sleep(EPSILON));
                await(waitFor(innerTask, 0));
            });
            var cm = assertThrows(TimeoutError.class, () -> await(foo));
            assertTrue(taskDone.get());
            assertInstanceOf(CancelledError.class, cm.getCause());
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_reraises_exception_during_cancellation")
    @BothSchedulers
    void waitForReraisesExceptionDuringCancellation(EventLoop.Scheduler scheduler) {
        final class FooException extends RuntimeException {}
        TestLoops.run(scheduler, () -> {
            Coroutine<Void> foo = async(() -> {
                Task<Void> innerTask = createTask(() -> {
                    try {
                        await(sleep(0.2));
                    } finally {
                        throw new FooException();
                    }
                });
                await(waitFor(innerTask, EPSILON));
            });
            assertThrows(FooException.class, () -> await(foo));
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_self_cancellation")
    @BothSchedulers
    void waitForSelfCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Integer> innerTask = createTask(() -> {
                try {
                    await(sleep(0.3));
                } catch (CancelledError e) {
                    try {
                        await(sleep(0.3));
                    } catch (CancelledError again) {
                        await(sleep(0.3));
                    }
                }
                return 42;
            });
            Coroutine<Integer> wait = waitFor(innerTask, 0.1);
            // waitFor itself is cancellable even when the task holds up the first cancellation.
            Task<Integer> task = createTask(wait);
            task.cancel();
            assertThrows(CancelledError.class, () -> await(task));
            assertEquals(42, await(innerTask));
        });
    }

    private static void cancelWhileWaiting(Double timeout) {
        EventLoop loop = getRunningLoop();
        Task<Void> task = createTask(() -> {
            AsyncFuture<Void> fut = loop.createFuture();
            await(fut); // blocks: the result is never set
        });
        Task<Void> wait = createTask(waitFor(task, timeout));
        loop.callSoon(wait::cancel);
        assertThrows(CancelledError.class, () -> await(wait));
        // Python issue #23219: cancelling the wait must also cancel the task.
        assertTrue(task.isCancelled());
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_cancel_blocking_wait_for")
    @BothSchedulers
    void cancelBlockingWaitFor(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> cancelWhileWaiting(null));
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_cancel_wait_for")
    @BothSchedulers
    void cancelWaitFor(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> cancelWhileWaiting(60.0));
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_cancel_suppressed")
    @BothSchedulers
    void waitForCancelSuppressed(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<Integer> return42 = async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    return 42;
                }
                return 0;
            });
            assertEquals(42, await(waitFor(return42, 0.1)));
        });
    }

    @DisplayName("test_waitfor.py::AsyncioWaitForTest::test_wait_for_issue86296")
    @BothSchedulers
    void waitForIssue86296(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicBoolean reachedEnd = new AtomicBoolean();
            Task<Void> task = createTask(() -> {
                await(waitFor(async(() -> {}), 100.0));
                await(sleep(1));
                reachedEnd.set(true);
            });
            await(sleep(0));
            assertFalse(task.isDone());
            task.cancel();
            assertThrows(CancelledError.class, () -> await(task));
            assertFalse(reachedEnd.get());
        });
    }
}
