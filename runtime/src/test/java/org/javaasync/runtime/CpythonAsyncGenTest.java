package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncgen.py}, the asyncio part ({@code AsyncGenAsyncioTest}) and the
 * {@code asend}/{@code athrow} cases of {@code AsyncGenTest}: {@code yield} is {@code out.emit(x)}, whose result is
 * the value sent with {@code asend}. Left out: syntax checks, frame attributes, garbage-collection finalizers (a
 * generator's body is a task here, kept alive until it ends; {@code shutdownAsyncGens} closes what is left).
 */
class CpythonAsyncGenTest {

    /** Python's {@code anext(it, default)}. */
    private static <T> T anext(AsyncIterator<T> it, T fallback) {
        try {
            return await(it.anext());
        } catch (StopAsyncIteration e) {
            return fallback;
        }
    }

    private static AsyncGenerator<Integer> oneTwo() {
        return AsyncGenerator.generate(out -> {
            out.emit(1);
            out.emit(2);
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_generator_anext")
    @BothSchedulers
    void asyncGeneratorAnext(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                out.emit(1);
                out.emit(2);
            });
            List<Object> results = new ArrayList<>();
            results.add(await(g.anext()));
            results.add(await(g.anext()));
            results.add(anext(g, "buckle my shoe"));
            assertEquals(List.of(1, 2, "buckle my shoe"), results);
            assertThrows(StopAsyncIteration.class, () -> await(g.anext()));
            assertThrows(StopAsyncIteration.class, () -> await(g.anext()));
            AsyncGenerator<Object> g2 = AsyncGenerator.generate(out -> {
                out.emit(1);
                out.emit(2);
            });
            assertEquals(1, anext(g2, "default"));
            assertEquals(2, anext(g2, "default"));
            assertEquals("default", anext(g2, "default"));
            assertEquals("default", anext(g2, "default"));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aiter")
    @BothSchedulers
    void asyncGenAiter(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            List<Integer> res = new ArrayList<>();
            for (int i : oneTwo()) {
                res.add(i);
            }
            assertEquals(List.of(1, 2), res);
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_aiter_idempotent")
    @BothSchedulers
    void aiterIdempotent(EventLoop.Scheduler scheduler) {
        AsyncGenerator<Integer> g = oneTwo();
        assertSame(g.aiter(), g.aiter());
        assertSame(g, g.aiter());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_01")
    @BothSchedulers
    void asyncGenAsyncio01(EventLoop.Scheduler scheduler) {
        List<Integer> res = TestLoops.run(scheduler, () -> {
            List<Integer> values = new ArrayList<>();
            for (int i : AsyncGenerator.<Integer>generate(out -> {
                out.emit(1);
                await(sleep(0.01));
                out.emit(2);
                await(sleep(0.01));
            })) {
                values.add(i);
            }
            return values;
        });
        assertEquals(List.of(1, 2), res);
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_02")
    @BothSchedulers
    void asyncGenAsyncio02(EventLoop.Scheduler scheduler) {
        assertThrows(
                ArithmeticException.class,
                () -> TestLoops.run(scheduler, () -> {
                    for (int ignored : AsyncGenerator.<Integer>generate(out -> {
                        out.emit(1);
                        await(sleep(0.01));
                        out.emit(2);
                        throw new ArithmeticException("/ by zero");
                    })) {
                        // consume
                    }
                }));
    }

    private static AsyncGenerator<Integer> foo04() {
        return AsyncGenerator.generate(out -> {
            out.emit(1);
            await(sleep(0.01));
            try {
                out.emit(2);
                out.emit(3);
            } catch (ArithmeticException e) {
                out.emit(1000);
            }
            await(sleep(0.01));
            out.emit(4);
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_04")
    @BothSchedulers
    void asyncGenAsyncioAnext04(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = foo04();
            assertEquals(1, await(it.anext()));
            assertEquals(2, await(it.anext()));
            assertEquals(3, await(it.anext()));
            assertEquals(4, await(it.anext()));
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));

            AsyncGenerator<Integer> it2 = foo04();
            assertEquals(1, await(it2.anext()));
            assertEquals(2, await(it2.anext()));
            assertEquals(1000, await(it2.athrow(new ArithmeticException())));
            assertEquals(4, await(it2.anext()));
            assertThrows(StopAsyncIteration.class, () -> await(it2.anext()));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_05")
    @BothSchedulers
    void asyncGenAsyncioAnext05(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = AsyncGenerator.generate(out -> {
                Integer v = (Integer) out.emit(1);
                v = (Integer) out.emit(v);
                out.emit(v * 100);
            });
            assertEquals(1, await(it.asend(null)));
            assertEquals(10, await(it.asend(10)));
            assertEquals(1200, await(it.asend(12)));
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_06")
    @BothSchedulers
    void asyncGenAsyncioAnext06(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                try {
                    out.emit(null);
                } catch (RuntimeException ignored) {
                    // a bare except
                }
                done.set(1);
            });
            await(g.asend(null));
            assertThrows(StopAsyncIteration.class, () -> await(g.asend(null)));
            done.addAndGet(10);
        });
        assertEquals(11, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_tuple")
    @BothSchedulers
    void asyncGenAsyncioAnextTuple(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<List<Integer>> it = AsyncGenerator.generate(out -> {
                try {
                    out.emit(List.of(1));
                } catch (ArithmeticException e) {
                    out.emit(List.of(2));
                }
            });
            assertEquals(List.of(1), await(it.anext()));
            assertEquals(List.of(2), await(it.athrow(new ArithmeticException())));
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_stopiteration")
    @BothSchedulers
    void asyncGenAsyncioAnextStopIteration(EventLoop.Scheduler scheduler) {
        // An exception object is a value like any other.
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<StopAsyncIteration> it = AsyncGenerator.generate(out -> {
                try {
                    out.emit(new StopAsyncIteration());
                } catch (ArithmeticException e) {
                    out.emit(new StopAsyncIteration());
                }
            });
            assertTrue(await(it.anext()) instanceof StopAsyncIteration);
            assertTrue(await(it.athrow(new ArithmeticException())) instanceof StopAsyncIteration);
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_06")
    @BothSchedulers
    void asyncGenAsyncioAclose06(EventLoop.Scheduler scheduler) {
        var e = assertThrows(
                IllegalStateException.class,
                () -> TestLoops.run(scheduler, () -> {
                    AsyncGenerator<Integer> gen = AsyncGenerator.generate(out -> {
                        try {
                            out.emit(1);
                            throw new ArithmeticException("/ by zero");
                        } finally {
                            await(sleep(0.01));
                            out.emit(12);
                        }
                    });
                    await(gen.anext());
                    await(gen.aclose());
                }));
        assertTrue(e.getMessage().contains("ignored GeneratorExit"), e.getMessage());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_07")
    @BothSchedulers
    void asyncGenAsyncioAclose07(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> gen = AsyncGenerator.generate(out -> {
                try {
                    out.emit(1);
                    throw new ArithmeticException("/ by zero");
                } finally {
                    await(sleep(0.01));
                    await(sleep(0.01));
                    done.addAndGet(1);
                }
            });
            await(gen.anext());
            await(gen.aclose());
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_08")
    @BothSchedulers
    void asyncGenAsyncioAclose08(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Void> fut = getRunningLoop().createFuture();
            AsyncGenerator<Integer> gen = AsyncGenerator.generate(out -> {
                try {
                    out.emit(1);
                    await(fut);
                    done.addAndGet(1000);
                    out.emit(2);
                } finally {
                    await(sleep(0.01));
                    await(sleep(0.01));
                    done.addAndGet(1);
                }
            });
            assertEquals(1, await(gen.anext()));
            await(gen.aclose());
            fut.cancel();
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_gc_aclose_09")
    @BothSchedulers
    void asyncGenAsyncioAbandonedGeneratorIsClosedAtShutdown(EventLoop.Scheduler scheduler) {
        // Python finalizes an abandoned generator at garbage collection; here its body is a task, kept until the
        // loop's shutdownAsyncGens closes it (Asyncio.run does).
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                try {
                    while (true) {
                        out.emit(1);
                    }
                } finally {
                    await(sleep(0.01));
                    await(sleep(0.01));
                    done.set(1);
                }
            });
            await(g.anext());
            await(g.anext());
            await(sleep(0.1));
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_10")
    @BothSchedulers
    void asyncGenAsyncioAclose10(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                try {
                    out.emit(null);
                } catch (GeneratorExit ignored) {
                    // swallowed, as a bare except does
                }
                done.set(1);
            });
            await(g.asend(null));
            await(g.aclose());
            done.addAndGet(10);
        });
        assertEquals(11, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_11")
    @BothSchedulers
    void asyncGenAsyncioAclose11(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                try {
                    out.emit(null);
                } catch (GeneratorExit ignored) {
                    // swallowed
                }
                out.emit(null);
                done.addAndGet(1);
            });
            await(g.asend(null));
            var e = assertThrows(IllegalStateException.class, () -> await(g.aclose()));
            assertTrue(e.getMessage().contains("ignored GeneratorExit"), e.getMessage());
            done.addAndGet(10);
        });
        assertEquals(10, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_12")
    @BothSchedulers
    void asyncGenAsyncioAclose12(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> gen = AsyncGenerator.generate(out -> {
                Task<Void> task = createTask(() -> {
                    await(sleep(0.01));
                    throw new ArithmeticException("/ by zero");
                });
                try {
                    out.emit(1);
                } finally {
                    try {
                        await(task);
                    } catch (ArithmeticException e) {
                        done.set(1);
                    }
                }
            });
            await(gen.anext());
            await(gen.aclose());
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_asend_01")
    @BothSchedulers
    void asyncGenAsyncioAsend01(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                try {
                    await(sleep(0.01));
                    Integer v = (Integer) out.emit(1);
                    await(sleep(0.01));
                    out.emit(v * 2);
                    await(sleep(0.01));
                } finally {
                    await(sleep(0.01));
                    await(sleep(0.01));
                    done.set(1);
                }
            });
            assertEquals(1, await(g.asend(null)));
            assertEquals(200, await(g.asend(100)));
            assertThrows(StopAsyncIteration.class, () -> await(g.asend(null)));
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_asend_02")
    @BothSchedulers
    void asyncGenAsyncioAsend02(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        assertThrows(
                ArithmeticException.class,
                () -> TestLoops.run(scheduler, () -> {
                    AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                        try {
                            await(sleep(0.01));
                            Integer v = (Integer) out.emit(1);
                            await(sleep(0.01));
                            if (v != null) {
                                throw new ArithmeticException("/ by zero"); // sleep_n_crash
                            }
                            done.addAndGet(1000);
                            out.emit(v * 2);
                        } finally {
                            await(sleep(0.01));
                            await(sleep(0.01));
                            done.set(1);
                        }
                    });
                    assertEquals(1, await(g.asend(null)));
                    await(g.asend(100));
                }));
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_asend_03")
    @BothSchedulers
    void asyncGenAsyncioAsend03(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        assertThrows(
                CancelledError.class,
                () -> TestLoops.run(scheduler, () -> {
                    AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                        try {
                            await(sleep(0.01));
                            Integer v = (Integer) out.emit(1);
                            // sleep_n_crash: a sleep cancelled halfway
                            Task<Void> fut = createTask(sleep(0.01));
                            getRunningLoop().callLater(0.005, fut::cancel);
                            await(fut);
                            done.addAndGet(1000);
                            out.emit(v * 2);
                        } finally {
                            await(sleep(0.01));
                            await(sleep(0.01));
                            done.set(1);
                        }
                    });
                    assertEquals(1, await(g.asend(null)));
                    await(g.asend(100));
                }));
        assertEquals(1, done.get());
    }

    static final class FooEr extends RuntimeException {}

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_athrow_01")
    @BothSchedulers
    void asyncGenAsyncioAthrow01(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                try {
                    await(sleep(0.01));
                    int v;
                    try {
                        out.emit(1);
                        v = 0;
                    } catch (FooEr e) {
                        v = 1000;
                        await(sleep(0.01));
                    }
                    out.emit(v * 2);
                    await(sleep(0.01));
                } finally {
                    await(sleep(0.01));
                    await(sleep(0.01));
                    done.set(1);
                }
            });
            assertEquals(1, await(g.asend(null)));
            assertEquals(2000, await(g.athrow(new FooEr())));
            assertThrows(StopAsyncIteration.class, () -> await(g.asend(null)));
        });
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_athrow_02")
    @BothSchedulers
    void asyncGenAsyncioAthrow02(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        assertThrows(
                CancelledError.class,
                () -> TestLoops.run(scheduler, () -> {
                    AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> {
                        try {
                            await(sleep(0.01));
                            try {
                                out.emit(1);
                            } catch (FooEr e) {
                                Task<Void> fut = createTask(sleep(0.01)); // sleep_n_crash
                                getRunningLoop().callLater(0.005, fut::cancel);
                                await(fut);
                            }
                            out.emit(2);
                            await(sleep(0.01));
                        } finally {
                            await(sleep(0.01));
                            await(sleep(0.01));
                            done.set(1);
                        }
                    });
                    assertEquals(1, await(g.asend(null)));
                    try {
                        await(g.athrow(new FooEr()));
                    } catch (CancelledError e) {
                        assertEquals(1, done.get());
                        throw e;
                    }
                }));
        assertEquals(1, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_athrow_03")
    @BothSchedulers
    void asyncGenAsyncioAthrow03(EventLoop.Scheduler scheduler) {
        AtomicInteger done = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                try {
                    out.emit(null);
                } catch (RuntimeException ignored) {
                    // a bare except
                }
                done.set(1);
            });
            await(g.asend(null));
            assertThrows(StopAsyncIteration.class, () -> await(g.athrow(new IllegalArgumentException())));
            done.addAndGet(10);
        });
        assertEquals(11, done.get());
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_athrow_tuple")
    @BothSchedulers
    void asyncGenAsyncioAthrowTuple(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> g = AsyncGenerator.generate(out -> {
                try {
                    out.emit(1);
                } catch (ArithmeticException e) {
                    out.emit(List.of(2));
                }
            });
            assertEquals(1, await(g.asend(null)));
            assertEquals(List.of(2), await(g.athrow(new ArithmeticException())));
            assertThrows(StopAsyncIteration.class, () -> await(g.asend(null)));
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenTest::test_async_gen_exception_11")
    @BothSchedulers
    void athrowOfGeneratorExitComesBackOut(EventLoop.Scheduler scheduler) {
        List<Object> res = TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> wrapper = AsyncGenerator.generate(out -> {
                out.emit(1);
                AsyncGenerator<Integer> asg = AsyncGenerator.generate(inner -> {
                    inner.emit(10);
                    inner.emit(20);
                });
                await(asg.asend(null));
                try {
                    await(asg.athrow(new GeneratorExit()));
                } catch (GeneratorExit e) {
                    out.emit(2);
                }
                out.emit(3);
            });
            List<Object> values = new ArrayList<>();
            for (int v : wrapper) {
                values.add(v);
            }
            return values;
        });
        assertEquals(List.of(1, 2, 3), res);
    }

    @DisplayName("test_asyncgen.py::AsyncGenTest::test_async_gen_exception_10")
    @BothSchedulers
    void asendOfAValueToAJustStartedGeneratorIsRefused(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> g = AsyncGenerator.generate(out -> out.emit(123));
            var e = assertThrows(IllegalArgumentException.class, () -> await(g.asend(100)));
            assertTrue(e.getMessage().contains("non-null value"), e.getMessage());
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_01")
    @BothSchedulers
    void asyncGenAsyncioShutdown01(EventLoop.Scheduler scheduler) {
        AtomicInteger finalized = new AtomicInteger();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        java.util.function.Supplier<Coroutine<Void>> waitOnWaiter = () -> async(() -> {
            for (int ignored : AsyncGenerator.<Integer>generate(out -> {
                try {
                    await(sleep(1));
                    out.emit(1);
                } finally {
                    await(sleep(0));
                    finalized.incrementAndGet();
                }
            })) {
                // consume
            }
        });
        Task<Void> t1 = loop.createTask(waitOnWaiter.get());
        Task<Void> t2 = loop.createTask(waitOnWaiter.get());
        loop.runUntilComplete(sleep(0.1));
        t1.cancel();
        t2.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t1));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t2));
        loop.runUntilComplete(loop.shutdownAsyncGens());
        assertEquals(2, finalized.get());
        loop.close();
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_asyncgen_nonstarted_hooks_are_cancellable")
    @BothSchedulers
    void asyncgenNonstartedHooksAreCancellable(EventLoop.Scheduler scheduler) {
        List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();
        TestLoops.run(scheduler, () -> {
            getRunningLoop().setExceptionHandler((loop, context) -> messages.add(context));
            for (int ignored : oneTwo()) {
                break;
            }
        });
        assertEquals(List.of(), messages);
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_await_same_anext_coro_twice")
    @BothSchedulers
    void asyncGenAwaitSameAnextCoroTwice(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = oneTwo();
            Coroutine<Integer> nxt = it.anext();
            await(nxt);
            var e = assertThrows(IllegalStateException.class, () -> await(nxt));
            assertTrue(e.getMessage().contains("cannot reuse already awaited"), e.getMessage());
            await(it.aclose());
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_await_same_aclose_coro_twice")
    @BothSchedulers
    void asyncGenAwaitSameAcloseCoroTwice(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = oneTwo();
            Coroutine<Void> nxt = it.aclose();
            await(nxt);
            var e = assertThrows(IllegalStateException.class, () -> await(nxt));
            assertTrue(e.getMessage().contains("cannot reuse already awaited"), e.getMessage());
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aclose_twice_with_different_coros")
    @BothSchedulers
    void asyncGenAcloseTwiceWithDifferentCoros(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = oneTwo();
            await(it.aclose());
            await(it.aclose());
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aclose_after_exhaustion")
    @BothSchedulers
    void asyncGenAcloseAfterExhaustion(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> it = oneTwo();
            for (int ignored : it) {
                // exhaust it
            }
            await(it.aclose());
        });
    }

    @DisplayName("test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aclose_compatible_with_get_stack")
    @BothSchedulers
    void asyncGenAcloseAsATask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Object> ag = AsyncGenerator.generate(out -> out.emit(new Object()));
            Task<Void> closing = createTask(ag.aclose());
            for (Task<?> task : allTasks()) {
                task.awaiting(); // no failure describing any task
            }
            await(closing);
            assertNull(closing.exception());
        });
    }

    @BothSchedulers
    void athrowIntoAJustStartedGeneratorEndsIt(EventLoop.Scheduler scheduler) {
        // Not a CPython case by itself: Python throws into a fresh generator at its start, ending it.
        TestLoops.run(scheduler, () -> {
            AsyncGenerator<Integer> g = oneTwo();
            assertThrows(FooEr.class, () -> await(g.athrow(new FooEr())));
            assertThrows(StopAsyncIteration.class, () -> await(g.anext()));
        });
    }
}
