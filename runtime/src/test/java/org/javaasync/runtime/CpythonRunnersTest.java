package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_runners.py}: {@code asyncio.run} and {@code asyncio.Runner}, on
 * virtual-time loops. Left out: signal handling ({@code KeyboardInterrupt}), which is the kernel's business here.
 */
class CpythonRunnersTest {

    /** A loop factory that remembers its loops, to check they end closed. */
    private static final class Loops {
        final List<EventLoop> made = new ArrayList<>();
        final EventLoop.Scheduler scheduler;

        Loops(EventLoop.Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        EventLoop newLoop() {
            EventLoop loop = TestLoops.virtualTime(scheduler);
            made.add(loop);
            return loop;
        }

        void assertAllClosed() {
            assertFalse(made.isEmpty());
            assertTrue(made.stream().allMatch(EventLoop::isClosed));
        }
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_return")
    @BothSchedulers
    void asyncioRunReturn(EventLoop.Scheduler scheduler) {
        Loops loops = new Loops(scheduler);
        int r = Asyncio.run(
                async(() -> {
                    await(sleep(0));
                    return 42;
                }),
                loops.newLoop());
        assertEquals(42, r);
        loops.assertAllClosed();
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_raises")
    @BothSchedulers
    void asyncioRunRaises(EventLoop.Scheduler scheduler) {
        Loops loops = new Loops(scheduler);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Asyncio.run(
                        async(() -> {
                            await(sleep(0));
                            throw new IllegalArgumentException("spam");
                        }),
                        loops.newLoop()));
        assertEquals("spam", e.getMessage());
        loops.assertAllClosed();
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_debug")
    @BothSchedulers
    void asyncioRunDebug(EventLoop.Scheduler scheduler) {
        for (boolean debug : new boolean[] {false, true}) {
            EventLoop loop = EventLoop.builder()
                    .clock(new VirtualClock())
                    .scheduler(scheduler)
                    .debug(debug)
                    .reporter(r -> {})
                    .build();
            Asyncio.run(async(() -> assertEquals(debug, getRunningLoop().isDebug())), loop);
        }
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_from_running_loop")
    @BothSchedulers
    void asyncioRunFromRunningLoop(EventLoop.Scheduler scheduler) {
        Loops loops = new Loops(scheduler);
        var e = assertThrows(
                IllegalStateException.class,
                () -> Asyncio.run(async(() -> Asyncio.run(async(() -> 1), loops.newLoop())), loops.newLoop()));
        assertTrue(e.getMessage().contains("cannot be called from a running"), e.getMessage());
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_cancels_hanging_tasks")
    @BothSchedulers
    void asyncioRunCancelsHangingTasks(EventLoop.Scheduler scheduler) {
        AtomicReference<Task<Void>> leftover = new AtomicReference<>();
        int r = TestLoops.run(scheduler, () -> {
            leftover.set(createTask(sleep(0.1)));
            return 123;
        });
        assertEquals(123, r);
        assertTrue(leftover.get().isDone());
        assertTrue(leftover.get().isCancelled());
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_reports_hanging_tasks_errors")
    @BothSchedulers
    void asyncioRunReportsHangingTasksErrors(EventLoop.Scheduler scheduler) {
        AtomicReference<Task<Void>> leftover = new AtomicReference<>();
        List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
        int r = TestLoops.run(scheduler, () -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
            leftover.set(createTask(() -> {
                try {
                    await(sleep(0.1));
                } catch (CancelledError e) {
                    throw new ArithmeticException("/ by zero");
                }
            }));
            return 123;
        });
        assertEquals(123, r);
        assertTrue(leftover.get().isDone());
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(((String) reports.get(0).get("message")).matches(".*run.*shutdown.*"));
        assertSame(leftover.get(), reports.get(0).get("task"));
        assertInstanceOf(ArithmeticException.class, reports.get(0).get("exception"));
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_closes_gens_after_hanging_tasks_errors")
    @BothSchedulers
    void asyncioRunClosesGeneratorsAfterHangingTasksErrors(EventLoop.Scheduler scheduler) {
        final class FancyExit extends RuntimeException {}
        AtomicReference<AsyncGenerator<Integer>> spinner = new AtomicReference<>();
        AtomicReference<Task<Void>> lazyboy = new AtomicReference<>();
        assertThrows(
                FancyExit.class,
                () -> TestLoops.run(scheduler, () -> {
                    getRunningLoop().setExceptionHandler((loop, context) -> {});
                    lazyboy.set(createTask(() -> {
                        spinner.set(AsyncGenerator.generate(out -> {
                            while (true) {
                                out.emit(1);
                                await(sleep(1));
                            }
                        }));
                        try {
                            for (int ignored : spinner.get()) {
                                // the meaning of life
                            }
                        } catch (CancelledError e) {
                            throw new ArithmeticException("/ by zero");
                        }
                    }));
                    await(sleep(0));
                    throw new FancyExit();
                }));
        assertTrue(lazyboy.get().isDone());
        assertTrue(spinner.get().toString().contains("finished"), spinner.get().toString());
    }

    @DisplayName("test_runners.py::RunTests::test_asyncio_run_loop_factory")
    @BothSchedulers
    void asyncioRunLoopFactory(EventLoop.Scheduler scheduler) {
        AtomicInteger calls = new AtomicInteger();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        try (Runner runner = new Runner(() -> {
            calls.incrementAndGet();
            return loop;
        })) {
            runner.run(async(() -> assertSame(loop, getRunningLoop())));
        }
        assertEquals(1, calls.get());
        assertTrue(loop.isClosed());
    }

    @DisplayName("test_runners.py::RunnerTests::test_non_debug / test_debug")
    @BothSchedulers
    void runnerDebug(EventLoop.Scheduler scheduler) {
        for (boolean debug : new boolean[] {false, true}) {
            try (Runner runner = new Runner(() -> EventLoop.builder()
                    .clock(new VirtualClock())
                    .scheduler(scheduler)
                    .debug(debug)
                    .reporter(r -> {})
                    .build())) {
                assertEquals(debug, runner.getLoop().isDebug());
            }
        }
    }

    @DisplayName("test_runners.py::RunnerTests::test_custom_factory")
    @BothSchedulers
    void runnerCustomFactory(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        try (Runner runner = new Runner(() -> loop)) {
            assertSame(loop, runner.getLoop());
        }
    }

    @DisplayName("test_runners.py::RunnerTests::test_run")
    @BothSchedulers
    void runnerRun(EventLoop.Scheduler scheduler) {
        EventLoop loop;
        Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler));
        try (runner) {
            assertEquals("done", runner.run(async(() -> {
                await(sleep(0));
                return "done";
            })));
            loop = runner.getLoop();
        }
        var e = assertThrows(IllegalStateException.class, runner::getLoop);
        assertEquals("Runner is closed", e.getMessage());
        assertTrue(loop.isClosed());
    }

    @DisplayName("test_runners.py::RunnerTests::test_run_future")
    @BothSchedulers
    void runnerRunFuture(EventLoop.Scheduler scheduler) {
        try (Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler))) {
            AsyncFuture<String> fut = runner.getLoop().createFuture();
            fut.setResult("done");
            assertEquals("done", runner.run(fut));
        }
    }

    @DisplayName("test_runners.py::RunnerTests::test_explicit_close")
    @BothSchedulers
    void runnerExplicitClose(EventLoop.Scheduler scheduler) {
        Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler));
        EventLoop loop = runner.getLoop();
        runner.close();
        assertThrows(IllegalStateException.class, runner::getLoop);
        assertTrue(loop.isClosed());
    }

    @DisplayName("test_runners.py::RunnerTests::test_double_close")
    @BothSchedulers
    void runnerDoubleClose(EventLoop.Scheduler scheduler) {
        Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler));
        EventLoop loop = runner.getLoop();
        runner.close();
        assertTrue(loop.isClosed());
        runner.close(); // the second call does nothing
        assertTrue(loop.isClosed());
    }

    @DisplayName("test_runners.py::RunnerTests::test_second_with_block_raises")
    @BothSchedulers
    void runnerSecondBlockRaises(EventLoop.Scheduler scheduler) {
        List<Integer> ret = new ArrayList<>();
        Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler));
        try (runner) {
            runner.run(async(() -> ret.add(1)));
        }
        var e = assertThrows(IllegalStateException.class, () -> {
            try (runner) {
                runner.run(async(() -> ret.add(2)));
            }
        });
        assertEquals("Runner is closed", e.getMessage());
        assertEquals(List.of(1), ret);
    }

    @DisplayName("test_runners.py::RunnerTests::test_run_keeps_context")
    @BothSchedulers
    void runnerRunKeepsContext(EventLoop.Scheduler scheduler) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        java.util.function.IntFunction<Coroutine<Integer>> f = val -> async(() -> {
            int old = cvar.get();
            await(sleep(0));
            cvar.set(val);
            return old;
        });
        try (Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler))) {
            assertEquals(-1, runner.run(f.apply(1)));
            assertEquals(1, runner.run(f.apply(2)));
            assertEquals(2, runner.run(async(Context::copyCurrent)).get(cvar));
        }
    }

    @DisplayName("test_runners.py::RunnerTests::test_recursive_run")
    @BothSchedulers
    void runnerRecursiveRun(EventLoop.Scheduler scheduler) {
        try (Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler))) {
            var e = assertThrows(
                    IllegalStateException.class,
                    () -> runner.run(async(() -> {
                        runner.run(async(() -> {}));
                    })));
            assertTrue(
                    e.getMessage().contains("Runner.run() cannot be called from a running event loop"), e.getMessage());
        }
    }

    @DisplayName("test_runners.py::RunnerTests::test_interrupt_cancelled_task")
    @BothSchedulers
    void runnerMainTaskCancelledFromInside(EventLoop.Scheduler scheduler) {
        // A main task cancelled by another task ends the run with CancelledError.
        try (Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler))) {
            assertThrows(
                    CancelledError.class,
                    () -> runner.run(async(() -> {
                        Task<?> main = currentTask();
                        createTask(() -> {
                            await(sleep(0));
                            main.cancel();
                        });
                        await(sleep(10));
                    })));
        }
    }

    @BothSchedulers
    void runnerCloseShutsDownAsyncGenerators(EventLoop.Scheduler scheduler) {
        // Not a CPython case by itself: what BaseTest.tearDown checks after every run (generators shut down).
        List<String> log = new ArrayList<>();
        Runner runner = new Runner(() -> TestLoops.virtualTime(scheduler));
        try (runner) {
            runner.run(async(() -> {
                AsyncGenerator<Integer> gen = AsyncGenerator.generate(out -> {
                    try {
                        out.emit(1);
                        out.emit(2);
                    } catch (GeneratorExit e) {
                        log.add("closed with GeneratorExit");
                        throw e;
                    } finally {
                        await(sleep(0)); // cleanup may await
                        log.add("cleaned up");
                    }
                });
                assertEquals(1, await(gen.anext())); // left suspended between two pulls
            }));
        }
        assertEquals(List.of("closed with GeneratorExit", "cleaned up"), log);
    }
}
