package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_timeouts.py} (3.13), every case, on the exact form
 * {@code await(timeout(seconds, body))}: {@code async with asyncio.timeout(d) as cm:} becomes a body that receives
 * {@code cm}. Python's {@code __context__} chains become Java's suppressed exceptions.
 */
class CpythonTimeoutsTest {

    /** The suppressed {@link TimeoutError} Python would chain as {@code __context__}, or a failure. */
    private static TimeoutError suppressedTimeout(Throwable e) {
        return Arrays.stream(e.getSuppressed())
                .filter(TimeoutError.class::isInstance)
                .map(TimeoutError.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no TimeoutError attached to " + e));
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_basic")
    @BothSchedulers
    void timeoutBasic(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(10));
                    })));
            assertTrue(cm.get().expired());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_at_basic")
    @BothSchedulers
    void timeoutAtBasic(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AtomicReference<Timeout> cm = new AtomicReference<>();
            double deadline = loop.time() + 0.01;
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeoutAt(deadline, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(10));
                    })));
            assertTrue(cm.get().expired());
            assertEquals(deadline, cm.get().when());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_nested_timeouts")
    @BothSchedulers
    void nestedTimeouts(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicReference<Timeout> cm1 = new AtomicReference<>();
            AtomicReference<Timeout> cm2 = new AtomicReference<>();
            double deadline = loop.time() + 0.01;
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeoutAt(deadline, (Timeout outer) -> {
                        cm1.set(outer);
                        // Only the topmost scope raises TimeoutError.
                        try {
                            await(timeoutAt(deadline, (Timeout inner) -> {
                                cm2.set(inner);
                                await(sleep(10));
                            }));
                        } catch (CancelledError e) {
                            cancelled.set(true);
                            throw e;
                        }
                    })));
            assertTrue(cancelled.get());
            assertTrue(cm1.get().expired());
            assertTrue(cm2.get().expired());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_waiter_cancelled")
    @BothSchedulers
    void waiterCancelled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, () -> {
                        try {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            cancelled.set(true);
                            throw e;
                        }
                    })));
            assertTrue(cancelled.get());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_not_called")
    @BothSchedulers
    void timeoutNotCalled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AtomicReference<Timeout> cm = new AtomicReference<>();
            await(timeout(10.0, (Timeout t) -> {
                cm.set(t);
                await(sleep(0.01));
            }));
            double t1 = loop.time();
            assertFalse(cm.get().expired());
            assertTrue(cm.get().when() > t1);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_disabled")
    @BothSchedulers
    void timeoutDisabled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            await(timeout(null, (Timeout t) -> {
                cm.set(t);
                await(sleep(0.01));
            }));
            assertFalse(cm.get().expired());
            assertNull(cm.get().when());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_at_disabled")
    @BothSchedulers
    void timeoutAtDisabled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            await(timeoutAt(null, (Timeout t) -> {
                cm.set(t);
                await(sleep(0.01));
            }));
            assertFalse(cm.get().expired());
            assertNull(cm.get().when());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_zero")
    @BothSchedulers
    void timeoutZero(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            double t0 = loop.time();
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.0, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(10));
                    })));
            double t1 = loop.time();
            assertTrue(cm.get().expired());
            assertTrue(t0 <= cm.get().when() && cm.get().when() <= t1);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_zero_sleep_zero")
    @BothSchedulers
    void timeoutZeroSleepZero(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            double t0 = loop.time();
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.0, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(0));
                    })));
            double t1 = loop.time();
            assertTrue(cm.get().expired());
            assertTrue(t0 <= cm.get().when() && cm.get().when() <= t1);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_in_the_past_sleep_zero")
    @BothSchedulers
    void timeoutInThePastSleepZero(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            double t0 = loop.time();
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(-11.0, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(0));
                    })));
            double t1 = loop.time();
            assertTrue(cm.get().expired());
            assertTrue(t0 >= cm.get().when() && cm.get().when() <= t1);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_foreign_exception_passed")
    @BothSchedulers
    void foreignExceptionPassed(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    IllegalArgumentException.class,
                    () -> await(timeout(0.01, (Timeout t) -> {
                        cm.set(t);
                        throw new IllegalArgumentException("key");
                    })));
            assertFalse(cm.get().expired());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_exception_context")
    @BothSchedulers
    void timeoutExceptionContext(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, () -> {
                        try {
                            throw new ArithmeticException("/ by zero");
                        } finally {
                            await(sleep(1));
                        }
                    })));
            // A TimeoutError caused by the CancelledError raised during the cleanup. (Java keeps no context chain:
            // the ArithmeticException the finally block replaced is not linked.)
            assertInstanceOf(CancelledError.class, e.getCause());
            assertNull(e.getCause().getCause());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_foreign_exception_on_timeout")
    @BothSchedulers
    void foreignExceptionOnTimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncRunnable crash = () -> {
                try {
                    await(sleep(1));
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            };
            var e = assertThrows(ArithmeticException.class, () -> await(timeout(0.01, crash)));
            // The ArithmeticException was raised while handling a TimeoutError caused by CancelledError.
            assertNull(e.getCause());
            TimeoutError e2 = suppressedTimeout(e);
            assertInstanceOf(CancelledError.class, e2.getCause());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_foreign_exception_on_timeout_2")
    @BothSchedulers
    void foreignExceptionOnTimeout2(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(
                    ArithmeticException.class,
                    () -> await(timeout(0.01, () -> {
                        try {
                            try {
                                throw new IllegalArgumentException("value");
                            } finally {
                                await(sleep(1));
                            }
                        } finally {
                            try {
                                throw new IllegalStateException("key");
                            } finally {
                                throw new ArithmeticException("/ by zero");
                            }
                        }
                    })));
            assertNull(e.getCause());
            assertInstanceOf(CancelledError.class, suppressedTimeout(e).getCause());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_foreign_cancel_doesnt_timeout_if_not_expired")
    @BothSchedulers
    void foreignCancelDoesntTimeoutIfNotExpired(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            Task<Void> task = createTask(() -> {
                assertThrows(
                        CancelledError.class,
                        () -> await(timeout(10.0, (Timeout t) -> {
                            cm.set(t);
                            currentTask().cancel();
                            await(sleep(10));
                        })));
                currentTask().uncancel();
            });
            await(task);
            assertFalse(cm.get().expired());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_outer_task_is_not_cancelled")
    @BothSchedulers
    void outerTaskIsNotCancelled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                assertThrows(
                        TimeoutError.class,
                        () -> await(timeout(0.001, () -> {
                            await(sleep(10));
                        })));
            });
            await(task);
            assertFalse(task.isCancelled());
            assertTrue(task.isDone());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_nested_timeouts_concurrent")
    @BothSchedulers
    void nestedTimeoutsConcurrent(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.002, () -> {
                        // Python wraps the inner scope in assertRaises(TimeoutError), which lets a CancelledError
                        // through.
                        try {
                            await(timeout(0.1, () -> {
                                TestLoops.blockLoop(0.01); // pretend we crunch some numbers
                                await(sleep(1));
                            }));
                            fail("the outer deadline interrupts the inner block");
                        } catch (TimeoutError ignored) {
                            // the inner scope's own expiry would land here
                        }
                    })));
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_nested_timeouts_loop_busy")
    @BothSchedulers
    void nestedTimeoutsLoopBusy(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            // After the inner timeout comes an expensive operation which the outer timeout must stop.
            EventLoop loop = getRunningLoop();
            double t0 = loop.time();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.1, () -> {
                        try {
                            await(timeout(0.01, () -> {
                                TestLoops.blockLoop(0.1); // the loop is busy for a while
                                await(sleep(1));
                            }));
                        } catch (TimeoutError caughtByInner) {
                            // TimeoutError was caught by the inner scope's handler
                        }
                        await(sleep(10)); // interrupted by the outer scope
                    })));
            double t1 = loop.time();
            assertTrue(t0 <= t1 && t1 <= t0 + 1);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_reschedule")
    @BothSchedulers
    void reschedule(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Timeout> fut = loop.createFuture();
            double deadline1 = loop.time() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = createTask(timeoutAt(deadline1, (Timeout t) -> {
                fut.setResult(t);
                await(sleep(50));
            }));
            Timeout cm = await(fut);
            assertEquals(deadline1, cm.when());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(null);
            assertNull(cm.when());
            task.cancel();
            assertThrows(CancelledError.class, () -> await(task));
            assertFalse(cm.expired());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_repr_active")
    @BothSchedulers
    void reprActive(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            await(timeout(10.0, (Timeout t) -> {
                assertTrue(Pattern.matches("<Timeout \\[active] when=\\d+\\.\\d*>", t.toString()), t.toString());
            }));
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_repr_expired")
    @BothSchedulers
    void reprExpired(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(10));
                    })));
            assertEquals("<Timeout [expired]>", cm.get().toString());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_repr_finished")
    @BothSchedulers
    void reprFinished(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            await(timeout(10.0, (Timeout t) -> {
                cm.set(t);
                await(sleep(0));
            }));
            assertEquals("<Timeout [finished]>", cm.get().toString());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_repr_disabled")
    @BothSchedulers
    void reprDisabled(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            await(timeout(null, (Timeout t) -> {
                assertEquals("<Timeout [active] when=None>", t.toString());
            }));
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_nested_timeout_in_finally")
    @BothSchedulers
    void nestedTimeoutInFinally(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<TimeoutError> cm2 = new AtomicReference<>();
            var e1 = assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, () -> {
                        try {
                            await(sleep(1));
                        } finally {
                            cm2.set(assertThrows(
                                    TimeoutError.class,
                                    () -> await(timeout(0.01, () -> {
                                        await(sleep(10));
                                    }))));
                        }
                    })));
            assertEquals(0.02, getRunningLoop().time(), 1e-9, "the inner scope ran its own full deadline");
            // TimeoutError caused by CancelledError, for each scope.
            assertInstanceOf(CancelledError.class, e1.getCause());
            assertInstanceOf(CancelledError.class, cm2.get().getCause());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_after_cancellation")
    @BothSchedulers
    void timeoutAfterCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                try {
                    currentTask().cancel();
                    await(sleep(1)); // work which will be cancelled
                } catch (CancelledError e) {
                    // caught and not uncancelled: cancelling() stays 1
                } finally {
                    assertThrows(
                            TimeoutError.class,
                            () -> await(timeout(0.0, () -> {
                                await(sleep(1)); // some cleanup
                            })));
                }
            });
            await(gatherReturningExceptions(task));
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_cancel_in_timeout_after_cancellation")
    @BothSchedulers
    void cancelInTimeoutAfterCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                try {
                    currentTask().cancel();
                    await(sleep(1)); // work which will be cancelled
                } catch (CancelledError e) {
                    // caught
                } finally {
                    assertThrows(
                            CancelledError.class,
                            () -> await(timeout(1.0, () -> {
                                currentTask().cancel();
                                await(sleep(2)); // some cleanup
                            })));
                }
            });
            await(gatherReturningExceptions(task));
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_already_entered")
    @BothSchedulers
    void timeoutAlreadyEntered(EventLoop.Scheduler scheduler) {
        // A scope is entered by its coroutine: entering it again means awaiting the coroutine again.
        TestLoops.run(scheduler, () -> {
            Coroutine<Void> cm = timeout(0.01, () -> {});
            await(cm);
            var e = assertThrows(IllegalStateException.class, () -> await(cm));
            assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_double_enter")
    @BothSchedulers
    void timeoutDoubleEnter(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<Void> cm = timeout(0.01, () -> {
                await(sleep(0));
            });
            Task<Void> first = createTask(cm);
            assertThrows(IllegalStateException.class, () -> createTask(cm));
            await(first);
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_finished")
    @BothSchedulers
    void timeoutFinished(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            await(timeout(0.01, cm::set));
            var e = assertThrows(IllegalStateException.class, () -> cm.get().reschedule(0.02));
            assertTrue(e.getMessage().contains("finished"), e.getMessage());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_expired")
    @BothSchedulers
    void timeoutExpired(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(0.01, (Timeout t) -> {
                        cm.set(t);
                        await(sleep(1));
                    })));
            var e = assertThrows(IllegalStateException.class, () -> cm.get().reschedule(0.02));
            assertTrue(e.getMessage().contains("expired"), e.getMessage());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_expiring")
    @BothSchedulers
    void timeoutExpiring(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            await(timeout(0.01, (Timeout cm) -> {
                assertThrows(CancelledError.class, () -> await(sleep(1)));
                var e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
                assertTrue(e.getMessage().contains("expiring"), e.getMessage());
            }));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_without_task")
    @BothSchedulers
    void timeoutWithoutTask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Throwable> inCallback = new AtomicReference<>();
            AsyncFuture<Void> ran = getRunningLoop().createFuture();
            getRunningLoop().callSoon(() -> {
                try {
                    timeout(0.01); // entering needs a task: a plain callback has none
                } catch (Throwable e) {
                    inCallback.set(e);
                }
                ran.setResult(null);
            });
            await(ran);
            assertInstanceOf(IllegalStateException.class, inCallback.get());
            assertTrue(
                    inCallback.get().getMessage().contains("task"),
                    inCallback.get().getMessage());
        });
    }

    @DisplayName("test_timeouts.py::TimeoutTests::test_timeout_taskgroup")
    @BothSchedulers
    void timeoutTaskgroup(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncRunnable task = () -> {
                try {
                    await(sleep(2)); // interrupted after 0.01 second
                } finally {
                    throw new ArithmeticException("/ by zero"); // crash in cleanup
                }
            };
            var eg = assertThrows(
                    ExceptionGroup.class,
                    () -> await(timeout(0.01, () -> {
                        // A body that can only end by throwing fits both body types: the cast picks one.
                        await(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                            tg.createTask(task);
                            try {
                                throw new IllegalArgumentException("value");
                            } finally {
                                await(sleep(1));
                            }
                        }));
                    })));
            // The ExceptionGroup was raised during handling of a TimeoutError caused by CancelledError.
            assertNull(eg.getCause());
            assertInstanceOf(CancelledError.class, suppressedTimeout(eg).getCause());
            assertEquals(1, eg.exceptions().size(), eg.toString());
            Throwable e1 = eg.exceptions().get(0);
            // The task's ArithmeticException was raised during handling of a TimeoutError caused by CancelledError.
            assertInstanceOf(ArithmeticException.class, e1);
            assertNull(e1.getCause());
            TimeoutError e2 = suppressedTimeout(e1);
            assertInstanceOf(CancelledError.class, e2.getCause());
            assertSame(suppressedTimeout(eg), e2);
        });
    }
}
