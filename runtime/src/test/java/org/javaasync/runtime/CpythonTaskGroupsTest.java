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

import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.javaasync.runtime.sync.Event;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_taskgroups.py}, every case of {@code BaseTestTaskGroup}, on the exact
 * form {@code await(taskGroup(tg -> ...))}, run as CPython runs them: {@code TestTaskGroup} (lazy tasks) and
 * {@code TestEagerTaskTaskGroup} (the eager task factory), on both schedulers. {@code ZeroDivisionError} is
 * {@link ArithmeticException}; {@code KeyboardInterrupt}, which a group lets through unwrapped, is a
 * {@link VirtualMachineError}; {@code except*} is a catch of the {@link ExceptionGroup}.
 */
class CpythonTaskGroupsTest {

    static final class MyExc extends RuntimeException {
        MyExc() {
            super("MyExc");
        }
    }

    /** Python's {@code MyBaseExc(BaseException)}: not an Exception. */
    static final class MyBaseExc extends Error {
        MyBaseExc() {
            super("MyBaseExc");
        }
    }

    /** Python's {@code KeyboardInterrupt}: what a group lets through without wrapping it. */
    static final class Interrupt extends VirtualMachineError {
        Interrupt() {
            super("interrupted");
        }
    }

    private static Set<Class<?>> errorTypes(ExceptionGroup group) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable e : group.exceptions()) {
            types.add(e.getClass());
        }
        return types;
    }

    private static AsyncRunnable crashAfter(double seconds) {
        return () -> {
            await(sleep(seconds));
            throw new ArithmeticException("/ by zero");
        };
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_01")
    @AllLoopKinds
    void taskgroup01(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
            await(taskGroup(g -> {
                t1.set(g.createTask(() -> {
                    await(sleep(0.1));
                    return 42;
                }));
                t2.set(g.createTask(() -> {
                    await(sleep(0.2));
                    return 11;
                }));
            }));
            assertEquals(42, t1.get().result());
            assertEquals(11, t2.get().result());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_02")
    @AllLoopKinds
    void taskgroup02(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
            await(taskGroup(g -> {
                t1.set(g.createTask(() -> {
                    await(sleep(0.1));
                    return 42;
                }));
                await(sleep(0.15));
                t2.set(g.createTask(() -> {
                    await(sleep(0.2));
                    return 11;
                }));
            }));
            assertEquals(42, t1.get().result());
            assertEquals(11, t2.get().result());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_03")
    @AllLoopKinds
    void taskgroup03(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
            await(taskGroup(g -> {
                t1.set(g.createTask(() -> {
                    await(sleep(1));
                    return 42;
                }));
                await(sleep(0.15));
                // Cancelling t1 explicitly: everything should continue working as expected.
                t1.get().cancel();
                t2.set(g.createTask(() -> {
                    await(sleep(0.2));
                    return 11;
                }));
            }));
            assertTrue(t1.get().isCancelled());
            assertEquals(11, t2.get().result());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_04")
    @AllLoopKinds
    void taskgroup04(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            AtomicBoolean t2Cancel = new AtomicBoolean();
            AtomicReference<Task<Void>> t2 = new AtomicReference<>();
            Coroutine<Void> runner = async(() -> {
                await(taskGroup(g -> {
                    g.createTask(crashAfter(0.1));
                    t2.set(g.createTask(() -> {
                        try {
                            await(sleep(1));
                        } catch (CancelledError e) {
                            t2Cancel.set(true);
                            throw e;
                        }
                        num.addAndGet(1);
                    }));
                }));
                num.addAndGet(10);
            });
            var cm = assertThrows(ExceptionGroup.class, () -> await(createTask(runner)));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
            assertEquals(0, num.get());
            assertTrue(t2Cancel.get());
            assertTrue(t2.get().isCancelled());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_cancel_children_on_child_error")
    @AllLoopKinds
    void cancelChildrenOnChildError(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            AtomicBoolean t2Cancel = new AtomicBoolean();
            AtomicBoolean runnerCancel = new AtomicBoolean();
            Coroutine<Void> runner = async(() -> {
                await(taskGroup(g -> {
                    g.createTask(crashAfter(0.1));
                    g.createTask(crashAfter(0.1));
                    g.createTask(crashAfter(0.1));
                    g.createTask(() -> {
                        try {
                            await(sleep(5));
                        } catch (CancelledError e) {
                            t2Cancel.set(true);
                            throw e;
                        }
                        num.addAndGet(1);
                    });
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        runnerCancel.set(true);
                        throw e;
                    }
                }));
                num.addAndGet(10);
            });
            var cm = assertThrows(ExceptionGroup.class, () -> await(createTask(runner)));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
            assertEquals(3, cm.exceptions().size(), "on a virtual clock the three crashes land together");
            assertEquals(0, num.get());
            assertTrue(t2Cancel.get());
            assertTrue(runnerCancel.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_cancellation")
    @AllLoopKinds
    void cancellation(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(5));
                } catch (CancelledError e) {
                    num.incrementAndGet();
                    throw e;
                }
            };
            Task<Void> r = createTask(taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(foo);
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> await(r));
            assertEquals(5, num.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_07")
    @AllLoopKinds
    void taskgroup07(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(5));
                } catch (CancelledError e) {
                    num.incrementAndGet();
                    throw e;
                }
            };
            Task<Void> r = createTask(taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(foo);
                }
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    num.addAndGet(10);
                    throw e;
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> await(r));
            assertEquals(15, num.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_08")
    @AllLoopKinds
    void taskgroup08(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            };
            Task<Void> r = createTask(taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(foo);
                }
                await(sleep(10));
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_09")
    @AllLoopKinds
    void taskgroup09(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
            try {
                await(taskGroup((AsyncConsumer<TaskGroup>) g -> {
                    t1.set(g.createTask(() -> {
                        await(sleep(1));
                        return 42;
                    }));
                    t2.set(g.createTask(() -> {
                        await(sleep(2));
                        return 11;
                    }));
                    await(sleep(0.1));
                    throw new ArithmeticException("/ by zero");
                }));
                fail("ExceptionGroup was not raised");
            } catch (ExceptionGroup t) {
                assertEquals(Set.of(ArithmeticException.class), errorTypes(t));
            }
            assertTrue(t1.get().isCancelled());
            assertTrue(t2.get().isCancelled());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_10")
    @AllLoopKinds
    void taskgroup10(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
            try {
                await(taskGroup((AsyncConsumer<TaskGroup>) g -> {
                    t1.set(g.createTask(() -> {
                        await(sleep(1));
                        return 42;
                    }));
                    t2.set(g.createTask(() -> {
                        await(sleep(2));
                        return 11;
                    }));
                    throw new ArithmeticException("/ by zero");
                }));
                fail("ExceptionGroup was not raised");
            } catch (ExceptionGroup t) {
                assertEquals(Set.of(ArithmeticException.class), errorTypes(t));
            }
            assertTrue(t1.get().isCancelled());
            assertTrue(t2.get().isCancelled());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_11")
    @AllLoopKinds
    void taskgroup11(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            };
            Task<Void> r = createTask(taskGroup(outer -> {
                await(taskGroup(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(foo);
                    }
                    await(sleep(10));
                }));
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(cm));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup)
                    cm.exceptions().get(0)));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_12")
    @AllLoopKinds
    void taskgroup12(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            };
            Task<Void> r = createTask(taskGroup(g1 -> {
                g1.createTask(sleep(10));
                await(taskGroup(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(foo);
                    }
                    await(sleep(10));
                }));
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(cm));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup)
                    cm.exceptions().get(0)));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_13")
    @AllLoopKinds
    void taskgroup13(LoopKind kind) {
        kind.run(() -> {
            Task<Void> r = createTask(taskGroup(g1 -> {
                g1.createTask(crashAfter(0.1));
                await(taskGroup(g2 -> {
                    g2.createTask(crashAfter(10));
                }));
            }));
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_14")
    @AllLoopKinds
    void taskgroup14(LoopKind kind) {
        kind.run(() -> {
            Task<Void> r = createTask(taskGroup(g1 -> {
                g1.createTask(crashAfter(10));
                await(taskGroup(g2 -> {
                    g2.createTask(crashAfter(0.1));
                }));
            }));
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(cm));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup)
                    cm.exceptions().get(0)));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_15")
    @AllLoopKinds
    void taskgroup15(LoopKind kind) {
        kind.run(() -> {
            Task<Void> r = createTask(taskGroup(g1 -> {
                g1.createTask(crashAfter(0.3));
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    await(sleep(0.5));
                    throw e;
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_16")
    @AllLoopKinds
    void taskgroup16(LoopKind kind) {
        kind.run(() -> {
            Coroutine<Void> nestedRunner = taskGroup(g1 -> {
                g1.createTask(crashAfter(0.3));
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    await(sleep(0.5));
                    throw e;
                }
            });
            Task<Void> r = createTask(() -> {
                Task<Void> t = createTask(nestedRunner);
                await(t);
            });
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            var cm = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_17")
    @AllLoopKinds
    void taskgroup17(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            Task<Void> r = createTask(taskGroup(g -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    num.addAndGet(10);
                    throw e;
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> await(r));
            assertEquals(10, num.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_18")
    @AllLoopKinds
    void taskgroup18(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger num = new AtomicInteger();
            Task<Void> r = createTask(taskGroup(g -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    num.addAndGet(10);
                    // Not a good idea, but it must be supported.
                    throw new MyExc();
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel();
            try {
                await(r);
                fail("ExceptionGroup was not raised");
            } catch (ExceptionGroup t) {
                assertEquals(Set.of(MyExc.class), errorTypes(t));
            }
            assertEquals(10, num.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_19")
    @AllLoopKinds
    void taskgroup19(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable nested = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new MyExc();
                }
            };
            Task<Void> r = createTask(taskGroup(g -> {
                g.createTask(crashAfter(0.1));
                await(async(nested));
            }));
            var t = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(t));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_20")
    @AllLoopKinds
    void taskgroup20(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable nested = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new Interrupt();
                }
            };
            assertThrows(
                    Interrupt.class,
                    () -> await(taskGroup(g -> {
                        g.createTask(crashAfter(0.1));
                        await(async(nested));
                    })));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_20a")
    @AllLoopKinds
    void taskgroup20a(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable nested = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new MyBaseExc();
                }
            };
            var cm = assertThrows(
                    ExceptionGroup.class,
                    () -> await(taskGroup(g -> {
                        g.createTask(crashAfter(0.1));
                        await(async(nested));
                    })));
            assertEquals(Set.of(MyBaseExc.class, ArithmeticException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_21a")
    @AllLoopKinds
    void taskgroup21a(LoopKind kind) {
        kind.run(() -> {
            AsyncRunnable nested = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new IllegalArgumentException("type");
                }
            };
            var cm = assertThrows(
                    ExceptionGroup.class,
                    () -> await(taskGroup(g -> {
                        g.createTask(() -> {
                            await(sleep(0.1));
                            throw new MyBaseExc();
                        });
                        await(async(nested));
                    })));
            assertEquals(Set.of(MyBaseExc.class, IllegalArgumentException.class), errorTypes(cm));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_22")
    @AllLoopKinds
    void taskgroup22(LoopKind kind) {
        kind.run(() -> {
            Task<Void> r = createTask(taskGroup(g -> {
                g.createTask(sleep(1));
                g.createTask(sleep(2));
            }));
            await(sleep(0.05));
            r.cancel();
            assertThrows(CancelledError.class, () -> await(r));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_23")
    @AllLoopKinds
    void taskgroup23(LoopKind kind) {
        kind.run(() -> {
            await(taskGroup(g -> {
                for (int count = 0; count < 10; count++) {
                    await(sleep(0.1));
                    g.createTask(sleep(0.3));
                    if (count == 5) {
                        assertTrue(g.pendingTasks().size() < 5);
                    }
                }
                await(sleep(1.35));
                assertEquals(0, g.pendingTasks().size());
            }));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_24")
    @AllLoopKinds
    void taskgroup24(LoopKind kind) {
        kind.run(() -> {
            await(taskGroup(g -> {
                g.createTask(() -> {
                    await(sleep(0.1));
                    g.createTask(sleep(0.1));
                    g.createTask(sleep(0.2));
                });
            }));
            assertEquals(0.3, getRunningLoop().time(), 1e-9);
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_25")
    @AllLoopKinds
    void taskgroup25(LoopKind kind) {
        kind.run(() -> {
            AtomicInteger nhydras = new AtomicInteger();
            var cm = assertThrows(
                    ExceptionGroup.class,
                    () -> await(taskGroup(g -> {
                        AsyncConsumer<TaskGroup>[] hydra = new AsyncConsumer[1];
                        hydra[0] = tg -> {
                            nhydras.incrementAndGet();
                            await(sleep(0.01));
                            tg.createTask(() -> hydra[0].accept(tg));
                            tg.createTask(() -> hydra[0].accept(tg));
                        };
                        g.createTask(() -> hydra[0].accept(g));
                        g.createTask(() -> {
                            while (nhydras.get() < 10) {
                                await(sleep(0.015));
                            }
                            throw new ArithmeticException("/ by zero");
                        });
                    })));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
            assertTrue(nhydras.get() >= 10);
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_task_name")
    @AllLoopKinds
    void taskgroupTaskName(LoopKind kind) {
        kind.run(() -> {
            await(taskGroup(g -> {
                Task<Void> t = g.createTask(sleep(0), "yolo");
                assertEquals("yolo", t.getName());
            }));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_task_context")
    @AllLoopKinds
    void taskgroupTaskContext(LoopKind kind) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        kind.run(() -> {
            await(taskGroup(g -> {
                Context ctx = Context.copyCurrent();
                assertNull(ctx.get(cvar));
                Task<Void> t1 = g.createTask(
                        async(() -> {
                            await(sleep(0));
                            cvar.set(1);
                        }),
                        null,
                        ctx);
                await(t1);
                assertEquals(1, ctx.get(cvar));
                Task<Void> t2 = g.createTask(
                        async(() -> {
                            await(sleep(0));
                            cvar.set(2);
                        }),
                        null,
                        ctx);
                await(t2);
                assertEquals(2, ctx.get(cvar));
            }));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_no_create_task_after_failure")
    @AllLoopKinds
    void taskgroupNoCreateTaskAfterFailure(LoopKind kind) {
        kind.run(() -> {
            AtomicBoolean refused = new AtomicBoolean();
            var cm = assertThrows(
                    ExceptionGroup.class,
                    () -> await(taskGroup(g -> {
                        g.createTask(crashAfter(0.001));
                        g.createTask(() -> {
                            try {
                                await(sleep(1));
                            } catch (CancelledError e) {
                                assertThrows(IllegalStateException.class, () -> g.createTask(crashAfter(0.001)));
                                refused.set(true);
                            }
                        });
                    })));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(cm));
            assertTrue(refused.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_context_manager_exit_raises")
    @AllLoopKinds
    void taskgroupContextManagerExitRaises(LoopKind kind) {
        // Python's @asynccontextmanager whose finally raises: in Java, a finally block that throws.
        final class CustomException extends RuntimeException {}
        kind.run(() -> {
            Task<Void> main = createTask(() -> {
                Task<?> task = currentTask();
                try {
                    await(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                        try {
                            tg.createTask(() -> {
                                throw new CustomException();
                            });
                            await(sleep(1));
                        } finally {
                            throw new CustomException(); // the database's cleanup fails
                        }
                    }));
                    fail("CustomException not raised");
                } catch (ExceptionGroup err) {
                    assertEquals(0, task.cancelling());
                    assertEquals(2, err.exceptions().size());
                    assertEquals(Set.of(CustomException.class), errorTypes(err));
                }
            });
            await(main);
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_already_entered")
    @AllLoopKinds
    void taskgroupAlreadyEntered(LoopKind kind) {
        // A group of the exact form is entered by its coroutine: its block cannot leave it by hand.
        kind.run(() -> {
            await(taskGroup(tg -> {
                var e = assertThrows(IllegalStateException.class, tg::close);
                assertTrue(e.getMessage().contains("taskGroup"), e.getMessage());
            }));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_double_enter")
    @AllLoopKinds
    void taskgroupDoubleEnter(LoopKind kind) {
        kind.run(() -> {
            Coroutine<Void> tg = taskGroup(g -> {});
            await(tg);
            var e = assertThrows(IllegalStateException.class, () -> await(tg));
            assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_finished")
    @AllLoopKinds
    void taskgroupFinished(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<TaskGroup> group = new AtomicReference<>();
            await(taskGroup(group::set));
            Coroutine<Void> coro = sleep(0);
            var e = assertThrows(IllegalStateException.class, () -> group.get().createTask(coro));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            // The coroutine was closed when refused: it is not reported as never awaited.
            assertTrue(coro.isStarted());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_taskgroup_without_parent_task")
    @AllLoopKinds
    void taskgroupWithoutParentTask(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AsyncFuture<Void> ran = getRunningLoop().createFuture();
            getRunningLoop().callSoon(() -> {
                try {
                    new TaskGroup();
                } catch (Throwable e) {
                    failure.set(e);
                }
                ran.setResult(null);
            });
            await(ran);
            assertInstanceOf(IllegalStateException.class, failure.get());
            assertTrue(
                    failure.get().getMessage().contains("task"), failure.get().getMessage());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_coro_closed_when_tg_closed")
    @AllLoopKinds
    void coroClosedWhenTgClosed(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<TaskGroup> group = new AtomicReference<>();
            await(taskGroup(group::set));
            Coroutine<Void> coro = sleep(0);
            var e = assertThrows(IllegalStateException.class, () -> group.get().createTask(coro));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> await(coro), "a closed coroutine never runs");
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_cancelling_level_preserved")
    @AllLoopKinds
    void cancellingLevelPreserved(LoopKind kind) {
        kind.run(() -> {
            try {
                await(taskGroup(tg -> {
                    tg.createTask(() -> {
                        await(sleep(0));
                        throw new IllegalStateException("runtime");
                    });
                }));
            } catch (ExceptionGroup e) {
                assertEquals(Set.of(IllegalStateException.class), errorTypes(e));
            }
            assertEquals(0, currentTask().cancelling());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_nested_groups_both_cancelled")
    @AllLoopKinds
    void nestedGroupsBothCancelled(LoopKind kind) {
        kind.run(() -> {
            try {
                await(taskGroup(outerTg -> {
                    try {
                        await(taskGroup(innerTg -> {
                            innerTg.createTask(() -> {
                                await(sleep(0));
                                throw new IllegalStateException("runtime");
                            });
                            outerTg.createTask(() -> {
                                await(sleep(0));
                                throw new IllegalArgumentException("value");
                            });
                        }));
                        fail("RuntimeError not raised");
                    } catch (ExceptionGroup e) {
                        assertEquals(Set.of(IllegalStateException.class), errorTypes(e));
                    }
                    assertEquals(1, currentTask().cancelling());
                }));
                fail("ValueError not raised");
            } catch (ExceptionGroup e) {
                assertEquals(Set.of(IllegalArgumentException.class), errorTypes(e));
            }
            assertEquals(0, currentTask().cancelling());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_error_and_cancel")
    @AllLoopKinds
    void errorAndCancel(LoopKind kind) {
        kind.run(() -> {
            Event event = new Event();
            Coroutine<Void> inner = async(() -> {
                try {
                    await(taskGroup(tg -> {
                        tg.createTask(() -> {
                            event.set();
                            await(sleep(0));
                            throw new IllegalStateException("runtime");
                        });
                        await(sleep(1));
                        fail("Sleep in group should have been cancelled");
                    }));
                } catch (ExceptionGroup e) {
                    assertEquals(1, currentTask().cancelling());
                }
                assertEquals(1, currentTask().cancelling());
                await(sleep(1));
                fail("Sleep after group should have been cancelled");
            });
            Task<Void> t = createTask(inner);
            await(event.waitUntilSet());
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            assertThrows(CancelledError.class, () -> await(t));
            assertTrue(t.isCancelled());
        });
    }

    /** Collects garbage until {@code ref} is cleared: nothing but the test held the object. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(5);
        }
        return ref.get() == null;
    }

    /**
     * Runs {@code producer} in a frame of its own and returns a weak reference to what it gives: the JVM keeps a dead
     * local of a live frame reachable, so the object must not pass through the test's own frame.
     */
    private static <T> WeakReference<T> weakly(AsyncSupplier<T> producer) throws Exception {
        return new WeakReference<>(producer.get());
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_direct")
    @AllLoopKinds
    void exceptionRefcyclesDirect(LoopKind kind) {
        // A group does not keep the exception it raised (nor what it wraps) alive once it is left.
        final class Done extends RuntimeException {}
        kind.run(() -> {
            AtomicReference<TaskGroup> group = new AtomicReference<>();
            WeakReference<Throwable> raised = weakly(() -> {
                try {
                    await(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                        group.set(tg);
                        throw new Done();
                    }));
                    throw new AssertionError("not raised");
                } catch (ExceptionGroup e) {
                    return e;
                }
            });
            assertTrue(collected(raised), "the finished group still holds its ExceptionGroup");
            assertFalse(group.get().toString().contains("errors"));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_errors")
    @AllLoopKinds
    void exceptionRefcyclesErrors(LoopKind kind) {
        final class Done extends RuntimeException {}
        kind.run(() -> {
            AtomicReference<TaskGroup> group = new AtomicReference<>();
            WeakReference<Throwable> raised = weakly(() -> {
                try {
                    await(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                        group.set(tg);
                        throw new Done();
                    }));
                    throw new AssertionError("not raised");
                } catch (ExceptionGroup e) {
                    return assertInstanceOf(Done.class, e.exceptions().get(0));
                }
            });
            assertTrue(collected(raised), "the finished group still holds its errors");
            assertTrue(group.get().pendingTasks().isEmpty());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_parent_task")
    @AllLoopKinds
    void exceptionRefcyclesParentTask(LoopKind kind) {
        final class Done extends RuntimeException {}
        kind.run(() -> {
            AtomicReference<TaskGroup> inner = new AtomicReference<>();
            WeakReference<Throwable> raised = weakly(() -> {
                try {
                    await(taskGroup(tg2 -> {
                        tg2.createTask(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                            inner.set(tg);
                            throw new Done();
                        }));
                    }));
                    throw new AssertionError("not raised");
                } catch (ExceptionGroup e) {
                    return assertInstanceOf(
                            Done.class,
                            ((ExceptionGroup) e.exceptions().get(0))
                                    .exceptions()
                                    .get(0));
                }
            });
            assertTrue(collected(raised));
            assertTrue(inner.get().pendingTasks().isEmpty());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_parent_task_wr")
    @AllLoopKinds
    void exceptionRefcyclesParentTaskWr(LoopKind kind) {
        final class Done extends RuntimeException {}
        kind.run(() -> {
            AtomicReference<WeakReference<Task<?>>> created = new AtomicReference<>();
            WeakReference<Throwable> raised = weakly(() -> {
                try {
                    await(taskGroup(tg2 -> {
                        created.set(new WeakReference<>(tg2.createTask(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                            throw new Done();
                        }))));
                    }));
                    throw new AssertionError("not raised");
                } catch (ExceptionGroup e) {
                    return ((ExceptionGroup) e.exceptions().get(0)).exceptions().get(0);
                }
            });
            assertTrue(collected(created.get()), "the finished group still holds its task");
            assertTrue(collected(raised));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_propagate_cancellation_error")
    @AllLoopKinds
    void exceptionRefcyclesPropagateCancellationError(LoopKind kind) {
        kind.run(() -> {
            WeakReference<Throwable> cause = weakly(() -> {
                try {
                    await(timeout(-1.0, () -> {
                        await(taskGroup(tg -> {
                            await(sleep(0));
                        }));
                    }));
                    throw new AssertionError("not raised");
                } catch (TimeoutError e) {
                    return assertInstanceOf(CancelledError.class, e.getCause());
                }
            });
            assertTrue(collected(cause));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_exception_refcycles_base_error")
    @AllLoopKinds
    void exceptionRefcyclesBaseError(LoopKind kind) {
        kind.run(() -> {
            WeakReference<Throwable> raised = weakly(() -> {
                try {
                    await(taskGroup((AsyncConsumer<TaskGroup>) tg -> {
                        throw new Interrupt();
                    }));
                    throw new AssertionError("not raised");
                } catch (Interrupt e) {
                    return e;
                }
            });
            assertTrue(collected(raised));
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_name")
    @AllLoopKinds
    void name(LoopKind kind) {
        kind.run(() -> {
            AtomicReference<String> name = new AtomicReference<>();
            await(taskGroup(tg -> {
                tg.createTask(async(() -> name.set(currentTask().getName())), "example name");
            }));
            assertEquals("example name", name.get());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_cancels_task_if_created_during_creation")
    @AllLoopKinds
    void cancelsTaskIfCreatedDuringCreation(LoopKind kind) {
        final class MyError extends RuntimeException {
            MyError(String message) {
                super(message);
            }
        }
        kind.run(() -> {
            AtomicBoolean ran = new AtomicBoolean();
            Throwable exc = null;
            try {
                await(taskGroup(tg -> {
                    tg.createTask(() -> {
                        tg.createTask(() -> {
                            throw new MyError("third task failed");
                        });
                        assertThrows(CancelledError.class, () -> {
                            await(sleep(0)); // eager tasks cancel here
                            await(sleep(0)); // lazy tasks cancel here
                        });
                        ran.set(true);
                    });
                }));
            } catch (ExceptionGroup excs) {
                exc = excs.exceptions().get(0);
            }
            assertTrue(ran.get());
            assertInstanceOf(MyError.class, exc);
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_cancellation_does_not_leak_out_of_tg")
    @AllLoopKinds
    void cancellationDoesNotLeakOutOfTg(LoopKind kind) {
        kind.run(() -> {
            try {
                await(taskGroup(tg -> {
                    tg.createTask(() -> {
                        throw new MyExc();
                    });
                }));
                fail("should have raised one MyError in group");
            } catch (ExceptionGroup e) {
                assertEquals(List.of(MyExc.class), List.copyOf(errorTypes(e)));
            }
            // If the cancellation leaked, this task would be cancelled here.
            await(sleep(0));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @DisplayName("test_taskgroups.py::BaseTestTaskGroup::test_error_and_cancel (a failure is never lost)")
    @AllLoopKinds
    void aChildFailureAndAnOutsideCancellationBothReachWhoeverAwaitsTheOwner(LoopKind kind) {
        // The first gap: the owner cancelled from outside while a child fails.
        kind.run(() -> {
            Task<Void> owner = createTask(taskGroup(tg -> {
                tg.createTask(() -> {
                    try {
                        await(sleep(10));
                    } finally {
                        throw new IllegalStateException("child failed while cancelled");
                    }
                });
                await(sleep(10));
            }));
            await(sleep(1));
            owner.cancel();
            var e = assertThrows(ExceptionGroup.class, () -> await(owner));
            assertEquals("child failed while cancelled", e.exceptions().get(0).getMessage());
            assertSame(e, owner.exception());
            assertEquals(1, owner.cancelling(), "the outside cancellation is still pending");
        });
    }
}
