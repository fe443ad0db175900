package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_base_events.py} ({@code BaseEventLoopTests}) and the loop cases of
 * {@code test_events.py} ({@code EventLoopTestsMixin}): scheduling order, the exception handler, task factories,
 * executors, closing. Left out: sockets, subprocesses, signals, the selector.
 */
class CpythonBaseEventsTest {

    private static EventLoop newLoop(EventLoop.Scheduler scheduler) {
        return TestLoops.virtualTime(scheduler);
    }

    /** Runs the loop until {@code future} is done, without wrapping it (run_forever with a stopping callback). */
    private static void runUntilDone(EventLoop loop, AsyncFuture<?> future) {
        future.addDoneCallback(f -> loop.stop());
        loop.runForever();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_call_later_negative_delays")
    @BothSchedulers
    void callLaterNegativeDelays(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Integer> calls = new ArrayList<>();
        loop.callLater(-1, () -> calls.add(1));
        loop.callLater(-2, () -> calls.add(2));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(2, 1), calls);
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_call_later")
    @BothSchedulers
    void callLater(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AtomicReference<Double> ranAt = new AtomicReference<>();
        TimerHandle h = loop.callLater(0.1, () -> {
            ranAt.set(loop.time());
            loop.stop();
        });
        assertEquals(0.1, h.when(), 1e-9);
        loop.runForever();
        assertEquals(0.1, ranAt.get(), 1e-9);
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_time_and_call_at")
    @BothSchedulers
    void timeAndCallAt(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        double when = loop.time() + 0.1;
        AtomicReference<Double> ranAt = new AtomicReference<>();
        loop.callAt(when, () -> {
            ranAt.set(loop.time());
            loop.stop();
        });
        loop.runForever();
        assertEquals(when, ranAt.get(), 1e-9);
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_call_soon")
    @BothSchedulers
    void callSoonRunsInOrder(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<Object> results = new ArrayList<>();
        loop.callSoon(() -> results.add("hello"));
        loop.callSoon(() -> results.add("world"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("hello", "world"), results);
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_call_soon_threadsafe")
    @BothSchedulers
    void callSoonThreadsafeSharesTheFifoBeforeTheLoopRuns(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        List<String> results = new CopyOnWriteArrayList<>();
        CountDownLatch handedIn = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            loop.callSoonThreadsafe(() -> {
                results.add("hello");
                if (results.size() >= 2) {
                    loop.stop();
                }
            });
            handedIn.countDown();
        });
        t.start();
        handedIn.await();
        loop.callSoon(() -> {
            results.add("world");
            if (results.size() >= 2) {
                loop.stop();
            }
        });
        t.join();
        loop.runForever();
        assertEquals(List.of("hello", "world"), results);
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_call_soon_threadsafe_same_thread")
    @BothSchedulers
    void callSoonThreadsafeSameThread(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        List<String> results = new ArrayList<>();
        Runnable[] stopAfterTwo = new Runnable[1];
        loop.callLater(0.1, () -> {
            results.add("hello");
            stopAfterTwo[0].run();
        });
        loop.callSoonThreadsafe(() -> {
            results.add("world");
            stopAfterTwo[0].run();
        });
        stopAfterTwo[0] = () -> {
            if (results.size() >= 2) {
                loop.stop();
            }
        };
        loop.runForever();
        assertEquals(List.of("world", "hello"), results);
        loop.close();
    }

    // Not a CPython case by itself: on the loop's own thread, both calls append to one FIFO.
    @BothSchedulers
    void callSoonThreadsafeFromTheLoopKeepsFifoWithCallSoon(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            List<String> results = new ArrayList<>();
            loop.callSoon(() -> results.add("a"));
            loop.callSoonThreadsafe(() -> results.add("b"));
            loop.callSoon(() -> results.add("c"));
            await(sleep(0));
            assertEquals(List.of("a", "b", "c"), results);
        });
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_run_until_complete_loop")
    @BothSchedulers
    void runUntilCompleteOfAnotherLoopsFuture(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        EventLoop other = newLoop(scheduler);
        AsyncFuture<Object> task = loop.createFuture();
        assertThrows(IllegalArgumentException.class, () -> other.runUntilComplete(task));
        other.close();
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_default_exc_handler_callback")
    @BothSchedulers
    void defaultExceptionHandlerForCallbacks(EventLoop.Scheduler scheduler) {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, log::add);
        // call_soon (Handle)
        AsyncFuture<Boolean> fut = loop.createFuture();
        loop.callSoon(() -> {
            fut.setResult(true);
            throw new ArithmeticException("/ by zero");
        });
        runUntilDone(loop, fut);
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("Exception in callback Handle["), log.get(0));
        assertTrue(log.get(0).contains("ArithmeticException"), log.get(0));
        // call_later (TimerHandle)
        AsyncFuture<Boolean> fut2 = loop.createFuture();
        loop.callLater(0.01, () -> {
            fut2.setResult(true);
            throw new ArithmeticException("/ by zero");
        });
        runUntilDone(loop, fut2);
        assertEquals(2, log.size());
        assertTrue(log.get(1).startsWith("Exception in callback TimerHandle["), log.get(1));
        loop.close();
    }

    private static void failLater(EventLoop loop) {
        Task<Void> fut = loop.createTask(async(() -> {
            await(sleep(0.01));
            throw new ArithmeticException("/ by zero");
        }));
        runUntilDone(loop, fut);
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_default_exc_handler_coro")
    @BothSchedulers
    void defaultExceptionHandlerForTasks(EventLoop.Scheduler scheduler) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, log::add);
        failLater(loop);
        for (int i = 0; i < 200 && log.isEmpty(); i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertEquals(1, log.size());
        assertTrue(log.get(0).matches("(?s).*exception was never retrieved.*ArithmeticException.*"), log.get(0));
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_set_exc_handler_custom")
    @BothSchedulers
    void setExceptionHandlerCustom(EventLoop.Scheduler scheduler) {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, log::add);
        assertNull(loop.getExceptionHandler());
        List<Map<String, Object>> handled = new ArrayList<>();
        ExceptionHandler handler = (l, context) -> {
            assertSame(loop, l);
            handled.add(context);
        };
        loop.setExceptionHandler(handler);
        assertSame(handler, loop.getExceptionHandler());
        Handle handle = loop.callSoon(() -> {
            throw new ArithmeticException("zero_error");
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, handled.size());
        Map<String, Object> context = handled.get(0);
        assertInstanceOf(ArithmeticException.class, context.get("exception"));
        assertTrue(((String) context.get("message")).startsWith("Exception in callback"));
        assertSame(handle, context.get("handle"));
        assertEquals(List.of(), log);

        loop.setExceptionHandler(null);
        loop.callSoon(() -> {
            throw new ArithmeticException("zero");
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, handled.size(), "the custom handler is gone");
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("Exception in callback"));
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_set_exc_handler_broken")
    @BothSchedulers
    void setExceptionHandlerBroken(EventLoop.Scheduler scheduler) {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, log::add);
        loop.setExceptionHandler((l, context) -> {
            throw new IllegalStateException("spam");
        });
        loop.callSoon(() -> {
            throw new ArithmeticException("zero");
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("Unhandled error in exception handler"), log.get(0));
        assertTrue(log.get(0).contains("spam"), log.get(0));
        assertTrue(log.get(0).contains("context: {"), "the original context goes along: " + log.get(0));
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_default_exc_handler_broken")
    @BothSchedulers
    void aFailingReporterDoesNotStopTheLoop(EventLoop.Scheduler scheduler) {
        // Python overrides default_exception_handler to fail; here the reporter it writes to fails.
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .reporter(text -> {
                    throw new IllegalStateException("broken reporter");
                })
                .build();
        List<String> ran = new ArrayList<>();
        loop.callSoon(() -> {
            throw new ArithmeticException("zero");
        });
        loop.callSoon(() -> ran.add("the loop went on"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("the loop went on"), ran);
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_set_task_factory")
    @BothSchedulers
    void setTaskFactory(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AtomicInteger made = new AtomicInteger();
        TaskFactory factory = new TaskFactory() {
            @Override
            public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name, Context context) {
                made.incrementAndGet();
                return Task.create(l, coro, name, context, false);
            }
        };
        assertNull(loop.getTaskFactory());
        loop.setTaskFactory(factory);
        assertSame(factory, loop.getTaskFactory());
        Task<Void> task = loop.createTask(async(() -> {}));
        assertEquals(1, made.get());
        loop.runUntilComplete(task);
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
        loop.runUntilComplete(loop.createTask(async(() -> {})));
        assertEquals(1, made.get());
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_create_task_error_closes_coro")
    @BothSchedulers
    void createTaskOnAClosedLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        loop.close();
        Coroutine<Void> coro = async(() -> {});
        var e = assertThrows(IllegalStateException.class, () -> loop.createTask(coro));
        assertTrue(e.getMessage().contains("Event loop is closed"), e.getMessage());
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_create_named_task_with_default_factory")
    @BothSchedulers
    void createNamedTaskWithDefaultFactory(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> task = loop.createTask(async(() -> {}), "test_task");
        assertEquals("test_task", task.getName());
        loop.runUntilComplete(task);
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_create_named_task_with_custom_factory")
    @BothSchedulers
    void createNamedTaskWithCustomFactory(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        loop.setTaskFactory(new TaskFactory() {
            @Override
            public <T> Task<T> createTask(EventLoop l, Coroutine<T> coro, String name, Context context) {
                return Task.create(l, coro, name, context, false);
            }
        });
        Task<Void> task = loop.createTask(async(() -> {}), "test_task");
        assertEquals("test_task", task.getName());
        loop.runUntilComplete(task);
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_set_default_executor")
    @BothSchedulers
    void setDefaultExecutor(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        ExecutorService executor = Executors.newSingleThreadExecutor(job -> new Thread(job, "my-default-executor"));
        loop.setDefaultExecutor(executor);
        String name = loop.runUntilComplete(
                loop.runInExecutor(null, () -> Thread.currentThread().getName()));
        assertEquals("my-default-executor", name);
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        assertTrue(executor.isShutdown());
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_shutdown_default_executor (then run_in_executor)")
    @BothSchedulers
    void runInExecutorAfterShutdownDefaultExecutor(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        loop.runUntilComplete(loop.runInExecutor(null, () -> 1));
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        var e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 2));
        assertTrue(e.getMessage().contains("Executor shutdown has been called"), e.getMessage());
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_shutdown_default_executor_timeout")
    @BothSchedulers
    void shutdownDefaultExecutorTimeout(EventLoop.Scheduler scheduler) throws Exception {
        // A job that outlives the timeout: the shutdown warns and returns (on a monotonic clock, to time out).
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop =
                EventLoop.builder().scheduler(scheduler).reporter(log::add).build();
        CountDownLatch release = new CountDownLatch(1);
        loop.runInExecutor(null, () -> {
            release.await();
            return null;
        });
        loop.runUntilComplete(loop.shutdownDefaultExecutor(0.05));
        release.countDown();
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("did not finish joining its threads within 0.05 seconds"), log.get(0));
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_close")
    @BothSchedulers
    void close(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close(); // it should be possible to call close() more than once
        assertThrows(IllegalStateException.class, () -> loop.runForever());
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(loop.createFuture()));
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> {}));
        assertThrows(IllegalStateException.class, () -> loop.callLater(1.0, () -> {}));
        assertThrows(IllegalStateException.class, () -> loop.callAt(loop.time() + .0, () -> {}));
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_close_running_event_loop")
    @BothSchedulers
    void closeRunningEventLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        var e = assertThrows(
                IllegalStateException.class,
                () -> loop.runUntilComplete(async(() -> {
                    getRunningLoop().close();
                })));
        assertTrue(e.getMessage().contains("Cannot close a running event loop"), e.getMessage());
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_run_until_complete_stopped")
    @BothSchedulers
    void runUntilCompleteStopped(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> task = loop.createTask(async(() -> {
            getRunningLoop().stop();
            await(sleep(0.1));
        }));
        var e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
        assertTrue(e.getMessage().contains("Event loop stopped before Future completed."), e.getMessage());
        task.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_run_forever_pre_stopped")
    @BothSchedulers
    void runForeverPreStopped(EventLoop.Scheduler scheduler) {
        // Stopping a loop that is not running makes its next run_forever run one iteration.
        EventLoop loop = newLoop(scheduler);
        List<Integer> calls = new ArrayList<>();
        loop.callSoon(() -> calls.add(1));
        loop.stop();
        loop.runForever();
        assertEquals(List.of(1), calls);
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_run_in_executor")
    @BothSchedulers
    void runInExecutor(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<String> f =
                loop.runInExecutor(null, () -> "yo " + Thread.currentThread().getName());
        String res = loop.runUntilComplete(f);
        assertTrue(res.startsWith("yo javaasync-executor-"), res);
        loop.close();
    }

    @DisplayName("test_events.py::EventLoopTestsMixin::test_run_in_executor_cancel")
    @BothSchedulers
    void runInExecutorCancel(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = newLoop(scheduler);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AsyncFuture<String> f = loop.runInExecutor(null, () -> {
            started.countDown();
            release.await();
            return "done";
        });
        started.await();
        f.cancel();
        release.countDown();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertTrue(f.isCancelled());
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_shutdown_asyncgens (error reported)")
    @BothSchedulers
    void shutdownAsyncGensReportsAFailingClose(EventLoop.Scheduler scheduler) {
        // BaseEventLoop.shutdown_asyncgens: a generator whose closing fails is reported, the others closed.
        EventLoop loop = newLoop(scheduler);
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        List<String> log = new ArrayList<>();
        AtomicReference<AsyncGenerator<Integer>> failing = new AtomicReference<>();
        loop.runUntilComplete(async(() -> {
            failing.set(AsyncGenerator.generate(out -> {
                try {
                    out.emit(1);
                } finally {
                    throw new IllegalStateException("cleanup failed");
                }
            }));
            AsyncGenerator<Integer> fine = AsyncGenerator.generate(out -> {
                try {
                    out.emit(1);
                } finally {
                    log.add("fine closed");
                }
            });
            await(failing.get().anext());
            await(fine.anext());
        }));
        loop.runUntilComplete(loop.shutdownAsyncGens());
        assertEquals(List.of("fine closed"), log);
        assertEquals(1, reports.size());
        assertTrue(((String) reports.get(0).get("message"))
                .startsWith("an error occurred during closing of asynchronous generator"));
        assertSame(failing.get(), reports.get(0).get("asyncgen"));
        assertInstanceOf(IllegalStateException.class, reports.get(0).get("exception"));
        loop.close();
    }

    @DisplayName("test_base_events.py::BaseEventLoopTests::test_check_thread")
    @BothSchedulers
    void checkThread(EventLoop.Scheduler scheduler) throws Exception {
        // asyncio checks in debug mode only; the runtime always does (the ready queue is not thread-safe).
        EventLoop loop = newLoop(scheduler);
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        loop.runUntilComplete(async(() -> {
            Thread t = new Thread(() -> {
                try {
                    loop.callSoon(() -> {});
                } catch (Throwable e) {
                    fromOtherThread.set(e);
                }
            });
            t.start();
            await(toThread(() -> {
                t.join();
                return null;
            }));
        }));
        assertInstanceOf(IllegalStateException.class, fromOtherThread.get());
        assertTrue(fromOtherThread.get().getMessage().contains("callSoonThreadsafe"));
        loop.close();
    }

    // Not a CPython case by itself: asyncio 3.12 runs a custom handler in the context of the task it reports.
    @BothSchedulers
    void customHandlerRunsInTheContextOfTheTaskItReports(EventLoop.Scheduler scheduler) throws Exception {
        // asyncio 3.12's call_exception_handler runs the handler in the context of the task, future or handle.
        ContextVar<String> cell = new ContextVar<>("cell", "none");
        EventLoop loop = newLoop(scheduler);
        List<String> seen = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, context) -> seen.add(cell.get() + ": " + context.get("message")));
        loop.runUntilComplete(async(() -> {
            cell.set("cell 7");
            Task<Void> child = createTask(() -> {
                throw new IllegalStateException("lost");
            });
            await(sleep(0));
            assertTrue(child.isDone());
            getRunningLoop().callSoon(() -> {
                throw new IllegalStateException("callback failed");
            });
            await(sleep(0));
        }));
        for (int i = 0; i < 200 && seen.size() < 2; i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertTrue(seen.contains("cell 7: Task exception was never retrieved"), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("cell 7: Exception in callback")), seen.toString());
        loop.close();
    }
}
