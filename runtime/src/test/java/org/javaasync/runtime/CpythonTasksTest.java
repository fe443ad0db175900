package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py}: {@code BaseTaskTests} (cancellation, uncancel, wait,
 * shield, as_completed, sleep, current task, contexts), the gather tests and {@code SleepTests}, on the virtual clock.
 * Left out: what has no Java counterpart (coroutine-like objects, generic aliases, reference counts, C/Python
 * implementation pairs, tasks destroyed while pending: the loop keeps pending tasks alive).
 */
class CpythonTasksTest {

    private static EventLoop newLoop(EventLoop.Scheduler scheduler) {
        return TestLoops.virtualTime(scheduler);
    }

    /** CPython's {@code test_utils.run_briefly}: runs a no-op task, so the loop turns exactly twice. */
    private static void runBriefly(EventLoop loop) {
        loop.runUntilComplete(async(() -> {}));
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_cancel_message_getter")
    @BothSchedulers
    void taskCancelMessageGetter(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> t = loop.createTask(async(() -> {}));
        t.cancel("my message");
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("my message", e.getMessage());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_other_loop_future")
    @BothSchedulers
    void otherLoopFuture(EventLoop.Scheduler scheduler) {
        EventLoop otherLoop = newLoop(scheduler);
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Void> fut = otherLoop.createFuture();
            var e = assertThrows(IllegalStateException.class, () -> await(fut));
            assertTrue(e.getMessage().contains("another event loop"), e.getMessage());
        });
        otherLoop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_awaits_on_itself")
    @BothSchedulers
    void taskAwaitsOnItself(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<Task<Void>> task = new AtomicReference<>();
            task.set(createTask(() -> {
                await(task.get());
            }));
            var e = assertThrows(IllegalStateException.class, () -> await(task.get()));
            assertTrue(e.getMessage().contains("cannot await itself"), e.getMessage());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_class")
    @BothSchedulers
    void taskClass(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<String> t = loop.createTask(async(() -> "ok"));
        loop.runUntilComplete(t);
        assertTrue(t.isDone());
        assertEquals("ok", t.result());
        assertSame(loop, t.getLoop());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_ensure_future_task")
    @BothSchedulers
    void ensureFutureTask(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<String> original = loop.createTask(async(() -> "ok"));
        assertSame(original, loop.createTask(original), "a task of the loop is returned as it is");
        loop.runUntilComplete(original);
        assertEquals("ok", original.result());
        EventLoop other = newLoop(scheduler);
        assertThrows(IllegalArgumentException.class, () -> other.ensureFuture(original));
        other.close();
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_ensure_future_error_msg")
    @BothSchedulers
    void ensureFutureErrorMessage(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        EventLoop other = newLoop(scheduler);
        AsyncFuture<Object> f = loop.createFuture();
        var e = assertThrows(IllegalArgumentException.class, () -> other.ensureFuture(f));
        assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        other.close();
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_repr")
    @BothSchedulers
    void taskRepr(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<String> t = loop.createTask(async("notmuch", () -> "abc"), "TestTask");
        assertTrue(t.toString().startsWith("<Task pending name='TestTask' coro=<coroutine notmuch"), t.toString());
        t.cancel(); // does not take immediate effect
        assertTrue(t.toString().startsWith("<Task cancelling name='TestTask'"), t.toString());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.toString().startsWith("<Task cancelled name='TestTask'"), t.toString());
        Task<String> finished = loop.createTask(async("notmuch", () -> "abc"), "TestTask");
        loop.runUntilComplete(finished);
        assertTrue(finished.toString().startsWith("<Task finished name='TestTask'"), finished.toString());
        assertTrue(finished.toString().endsWith("result=abc>"), finished.toString());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_repr_autogenerated")
    @BothSchedulers
    void taskReprAutogenerated(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Integer> t1 = loop.createTask(async(() -> 123));
        Task<Integer> t2 = loop.createTask(async(() -> 123));
        assertNotEquals(t1.toString(), t2.toString());
        Matcher m1 = Pattern.compile("^<Task pending name='Task-(\\d+)'").matcher(t1.toString());
        Matcher m2 = Pattern.compile("^<Task pending name='Task-(\\d+)'").matcher(t2.toString());
        assertTrue(m1.find() && m2.find());
        // Autogenerated names have increasing numbers.
        assertTrue(Long.parseLong(m1.group(1)) < Long.parseLong(m2.group(1)));
        loop.runUntilComplete(t1);
        loop.runUntilComplete(t2);
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_repr_wait_for")
    @BothSchedulers
    void taskReprWaitFor(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Void> fut = getRunningLoop().createFuture();
            Task<Void> task = createTask(() -> await(fut));
            await(sleep(0));
            assertTrue(
                    task.toString().matches("<Task .* wait_for=" + Pattern.quote(fut.toString()) + ">"),
                    task.toString());
            fut.setResult(null);
            await(task);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_basics")
    @BothSchedulers
    void taskBasics(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Coroutine<Integer> inner1 = async(() -> 42);
        Coroutine<Integer> inner2 = async(() -> 1000);
        Coroutine<Integer> outer = async(() -> await(inner1) + await(inner2));
        assertEquals(1042, loop.runUntilComplete(outer));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_exception_chaining_after_await")
    @BothSchedulers
    void exceptionAfterAwaitIsTheTasksOwn(EventLoop.Scheduler scheduler) {
        // Java has no implicit context chain: awaiting a failed task inside a handler rethrows its exception as is.
        TestLoops.run(scheduler, () -> {
            try {
                throw new IllegalStateException("3");
            } catch (IllegalStateException outer) {
                Task<Void> task = createTask(() -> {
                    throw new IllegalArgumentException("value");
                });
                var e = assertThrows(IllegalArgumentException.class, () -> await(task));
                assertNull(e.getCause());
            }
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancelling")
    @BothSchedulers
    void cancelling(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> t = loop.createTask(sleep(10));
        assertEquals(0, t.cancelling());
        assertFalse(t.toString().contains(" cancelling "));
        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertTrue(t.toString().contains("cancelling "), t.toString());
        assertTrue(t.cancel(), "asyncio 3.11+: a second request returns true too");
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_uncancel_basic")
    @BothSchedulers
    void uncancelBasic(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> t = loop.createTask(async(() -> {
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                currentTask().uncancel();
                await(sleep(10));
            }
        }));
        loop.runUntilComplete(sleep(0.01));
        // Cancel the first sleep.
        assertTrue(t.cancel());
        assertTrue(t.toString().contains("cancelling"), t.toString());
        assertEquals(1, t.cancelling());
        assertFalse(t.isCancelled());
        loop.runUntilComplete(sleep(0.01));
        // After uncancel().
        assertFalse(t.toString().contains("cancelling"), t.toString());
        assertEquals(0, t.cancelling());
        assertFalse(t.isCancelled());
        // Cancel the second sleep.
        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertFalse(t.isCancelled());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isCancelled());
        assertTrue(t.isDone());
        // uncancel() no longer matters once the task is done.
        t.uncancel();
        assertTrue(t.isCancelled());
        assertTrue(t.isDone());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_uncancel_structured_blocks")
    @BothSchedulers
    void uncancelStructuredBlocks(EventLoop.Scheduler scheduler) {
        // A timeout written by hand with cancel()/uncancel(), following asyncio's five rules.
        record Outcome(boolean timedOut, boolean structuredBlockFinished, boolean outerCodeReached) {}
        EventLoop loop = newLoop(scheduler);
        java.util.function.BiFunction<Double, Double, Coroutine<Outcome>> makeRequestWithTimeout =
                (sleepFor, limit) -> async(() -> {
                    Task<?> task = currentTask();
                    boolean[] timedOut = {false};
                    boolean structuredBlockFinished = false;
                    TimerHandle timeoutHandle = getRunningLoop().callLater(limit, () -> {
                        timedOut[0] = true;
                        task.cancel();
                    });
                    try {
                        boolean cancelled = false;
                        try {
                            await(sleep(sleepFor)); // the structured block affected by the timeout
                            structuredBlockFinished = true;
                        } catch (CancelledError e) {
                            cancelled = true;
                            throw e;
                        } finally {
                            timeoutHandle.cancel();
                            if (timedOut[0] && task.uncancel() == 0 && cancelled) {
                                throw new TimeoutError("timed out", null);
                            }
                        }
                    } catch (TimeoutError e) {
                        assertTrue(timedOut[0]);
                    }
                    // Outer code not affected by the timeout:
                    await(sleep(0));
                    return new Outcome(timedOut[0], structuredBlockFinished, true);
                });
        Task<Outcome> t1 = loop.createTask(makeRequestWithTimeout.apply(10.0, 0.1));
        Outcome o1 = loop.runUntilComplete(t1);
        assertEquals(new Outcome(true, false, true), o1);
        assertEquals(0, t1.cancelling());
        Task<Outcome> t2 = loop.createTask(makeRequestWithTimeout.apply(0.0, 10.0));
        Outcome o2 = loop.runUntilComplete(t2);
        assertEquals(new Outcome(false, true, true), o2);
        assertEquals(0, t2.cancelling());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_uncancel_resets_must_cancel")
    @BothSchedulers
    void uncancelResetsMustCancel(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut = loop.createFuture();
        Task<Integer> task = loop.createTask(async(() -> {
            await(fut);
            return 42;
        }));
        runBriefly(loop); // the task waits for fut
        fut.setResult(null); // the task is runnable
        task.cancel();
        assertEquals(1, task.cancelling());
        task.uncancel(); // undoes the pending cancellation
        assertEquals(0, task.cancelling());
        assertEquals(42, loop.runUntilComplete(task));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel")
    @BothSchedulers
    void cancel(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Integer> t = loop.createTask(async(() -> {
            await(sleep(10));
            return 12;
        }));
        loop.callSoon(t::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isDone());
        assertTrue(t.isCancelled());
        assertFalse(t.cancel());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_with_message_then_future_result")
    @BothSchedulers
    void cancelWithMessageThenFutureResult(EventLoop.Scheduler scheduler) {
        for (String message : new String[] {null, "my message"}) {
            EventLoop loop = newLoop(scheduler);
            Task<Void> task = loop.createTask(async(() -> {
                Task<Void> inner = createTask(sleep(10));
                await(sleep(0));
                inner.cancel(message);
                await(Asyncio.wait(List.of(inner)));
                inner.result();
            }));
            var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals(message, e.getMessage());
            assertNull(e.getCause());
            loop.close();
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_with_message_then_future_exception")
    @BothSchedulers
    void cancelWithMessageThenFutureException(EventLoop.Scheduler scheduler) {
        for (String message : new String[] {null, "my message"}) {
            EventLoop loop = newLoop(scheduler);
            Task<Void> task = loop.createTask(async(() -> {
                Task<Void> inner = createTask(sleep(10));
                await(sleep(0));
                inner.cancel(message);
                await(Asyncio.wait(List.of(inner)));
                inner.exception();
            }));
            var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals(message, e.getMessage());
            loop.close();
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancellation_exception_context")
    @BothSchedulers
    void cancellationExceptionContext(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> {
            Task<Void> innerTask = createTask(() -> {
                fut.setResult(null);
                await(sleep(10));
            });
            await(fut);
            getRunningLoop().callSoon(() -> innerTask.cancel("msg"));
            try {
                await(innerTask);
            } catch (CancelledError ex) {
                throw new IllegalArgumentException("cancelled", ex);
            }
        }));
        var e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(task));
        assertEquals("cancelled", e.getMessage());
        CancelledError innermost = assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals("msg", innermost.getMessage());
        assertNull(innermost.getCause());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_with_message_before_starting_task")
    @BothSchedulers
    void cancelWithMessageBeforeStartingTask(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> task = loop.createTask(async(() -> {
            Task<Void> inner = createTask(sleep(10));
            inner.cancel("my message"); // no sleep before it: the task never starts
            await(Asyncio.wait(List.of(inner)));
            inner.exception();
        }));
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals("my message", e.getMessage());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_yield")
    @BothSchedulers
    void cancelYield(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Integer> t = loop.createTask(async(() -> {
            await(sleep(0));
            await(sleep(0));
            return 12;
        }));
        runBriefly(loop); // start the coroutine
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isDone());
        assertTrue(t.isCancelled());
        assertFalse(t.cancel());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_inner_future")
    @BothSchedulers
    void cancelInnerFuture(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> f = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(f);
            return 12;
        }));
        runBriefly(loop); // start the task
        f.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(f.isCancelled());
        assertTrue(t.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_both_task_and_inner_future")
    @BothSchedulers
    void cancelBothTaskAndInnerFuture(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> f = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(f);
            return 12;
        }));
        runBriefly(loop);
        f.cancel();
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isDone());
        assertTrue(f.isCancelled());
        assertTrue(t.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_task_catching")
    @BothSchedulers
    void cancelTaskCatching(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut1 = loop.createFuture();
        AsyncFuture<Void> fut2 = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(fut1);
            try {
                await(fut2);
            } catch (CancelledError e) {
                return 42;
            }
            return 0;
        }));
        runBriefly(loop);
        assertEquals("AsyncFuture", t.awaiting(), "waits for fut1");
        fut1.setResult(null);
        runBriefly(loop);
        t.cancel();
        assertTrue(fut2.isCancelled());
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(t.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_task_ignoring")
    @BothSchedulers
    void cancelTaskIgnoring(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut1 = loop.createFuture();
        AsyncFuture<Void> fut2 = loop.createFuture();
        AsyncFuture<Integer> fut3 = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(fut1);
            try {
                await(fut2);
            } catch (CancelledError ignored) {
                // goes on
            }
            return await(fut3);
        }));
        runBriefly(loop);
        fut1.setResult(null);
        runBriefly(loop);
        t.cancel();
        assertTrue(fut2.isCancelled());
        runBriefly(loop);
        fut3.setResult(42);
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(fut3.isCancelled());
        assertFalse(t.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_current_task")
    @BothSchedulers
    void cancelCurrentTask(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AtomicReference<Task<Integer>> t = new AtomicReference<>();
        t.set(loop.createTask(async(() -> {
            t.get().cancel();
            await(sleep(100)); // cancelled at once
            return 12;
        })));
        assertFalse(t.get().isCancelled());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t.get()));
        assertTrue(t.get().isDone());
        assertTrue(t.get().isCancelled());
        assertFalse(t.get().cancel());
        assertEquals(0.0, loop.time(), "the sleep never started");
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_at_end")
    @BothSchedulers
    void cancelAtEnd(EventLoop.Scheduler scheduler) {
        // The coroutine ends right after its task is cancelled.
        EventLoop loop = newLoop(scheduler);
        AtomicReference<Task<Integer>> t = new AtomicReference<>();
        t.set(loop.createTask(async(() -> {
            t.get().cancel();
            return 12;
        })));
        assertFalse(t.get().isCancelled());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t.get()));
        assertTrue(t.get().isDone());
        assertTrue(t.get().isCancelled());
        assertFalse(t.get().cancel());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_awaited_task")
    @BothSchedulers
    void cancelAwaitedTask(EventLoop.Scheduler scheduler) {
        // A task that cancels itself then blocks on another task: that task is cancelled too (bpo-34872).
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut = loop.createFuture();
        AtomicReference<Task<Void>> task = new AtomicReference<>();
        AtomicReference<Task<Void>> nestedTask = new AtomicReference<>();
        task.set(loop.createTask(async(() -> {
            nestedTask.set(createTask(() -> await(fut)));
            await(sleep(0));
            task.get().cancel();
            await(nestedTask.get());
        })));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task.get()));
        assertTrue(task.get().isCancelled());
        assertTrue(nestedTask.get().isCancelled());
        assertTrue(fut.isCancelled());
        loop.close();
    }

    private static void nestedSleepThatIsCancelled() {
        await(sleep(10)); // search target
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_traceback_for_future_result")
    @BothSchedulers
    void cancelTracebackForFutureResult(EventLoop.Scheduler scheduler) {
        // The CancelledError that awaiting a cancelled task throws shows the line that was interrupted.
        EventLoop loop = newLoop(scheduler);
        Task<Void> task = loop.createTask(async(() -> {
            Task<Void> nested = createTask(CpythonTasksTest::nestedSleepThatIsCancelled);
            await(sleep(0));
            nested.cancel();
            await(nested);
        }));
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertTrue(
                Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("nestedSleepThatIsCancelled")),
                Arrays.toString(e.getStackTrace()));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_traceback_for_future_exception")
    @BothSchedulers
    void cancelTracebackForFutureException(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> task = loop.createTask(async(() -> {
            Task<Void> nested = createTask(CpythonTasksTest::nestedSleepThatIsCancelled);
            await(sleep(0));
            nested.cancel();
            await(Asyncio.wait(List.of(nested)));
            nested.exception(); // search target
        }));
        var e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertTrue(
                Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("nestedSleepThatIsCancelled")));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_stop_while_run_in_complete")
    @BothSchedulers
    void stopWhileRunInComplete(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AtomicInteger x = new AtomicInteger();
        Task<Void> t = loop.createTask(async(() -> {
            while (x.get() < 10) {
                await(sleep(0.1));
                if (x.incrementAndGet() == 2) {
                    getRunningLoop().stop();
                }
            }
        }));
        var e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(t.isDone());
        assertEquals(2, x.get());
        assertEquals(0.2, loop.time(), 1e-9);
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait")
    @BothSchedulers
    void waitForAll(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(0.1));
        Task<Void> b = loop.createTask(sleep(0.15));
        Coroutine<Integer> foo = async(() -> {
            WaitResult<Void> r = await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), r.done());
            assertEquals(Set.of(), r.pending());
            return 42;
        });
        assertEquals(42, loop.runUntilComplete(foo));
        assertEquals(0.15, loop.time(), 1e-9);
        // Doing it again takes no time.
        Coroutine<Integer> again = async(() -> {
            WaitResult<Void> r = await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), r.done());
            return 42;
        });
        assertEquals(42, loop.runUntilComplete(again));
        assertEquals(0.15, loop.time(), 1e-9);
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_duplicate_coroutines")
    @BothSchedulers
    void waitDuplicateCoroutines(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> c = createTask(async(() -> "test"));
            WaitResult<String> r = await(Asyncio.wait(List.of(c, c, createTask(async(() -> "spam")))));
            assertTrue(r.pending().isEmpty());
            Set<String> results = new HashSet<>();
            for (AsyncFuture<String> f : r.done()) {
                results.add(f.result());
            }
            assertEquals(Set.of("test", "spam"), results);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_errors")
    @BothSchedulers
    void waitErrors(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertThrows(IllegalArgumentException.class, () -> await(Asyncio.wait(List.<Awaitable<Void>>of())));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_first_completed")
    @BothSchedulers
    void waitFirstCompleted(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(10.0));
        Task<Void> b = loop.createTask(sleep(0.1));
        WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(b), r.done());
        assertEquals(Set.of(a), r.pending());
        assertFalse(a.isDone());
        assertTrue(b.isDone());
        assertNull(b.result());
        assertEquals(0.1, loop.time(), 1e-9);
        loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_really_done")
    @BothSchedulers
    void waitReallyDone(EventLoop.Scheduler scheduler) {
        // Tasks of the pending list may be done although their callbacks have not all run yet.
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(async(() -> {
            await(sleep(0));
        }));
        Task<Void> b = loop.createTask(async(() -> {
            await(sleep(0));
            await(sleep(0));
        }));
        WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(a, b), r.done());
        assertTrue(a.isDone());
        assertNull(a.result());
        assertTrue(b.isDone());
        assertNull(b.result());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_first_exception")
    @BothSchedulers
    void waitFirstException(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(10.0));
        Task<Void> b = loop.createTask(async(() -> {
            throw new ArithmeticException("err");
        }));
        WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), r.done());
        assertEquals(Set.of(a), r.pending());
        assertEquals(0.0, loop.time());
        loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_first_exception_in_wait")
    @BothSchedulers
    void waitFirstExceptionInWait(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(10.0));
        Task<Void> b = loop.createTask(async(() -> {
            await(sleep(0.01));
            throw new ArithmeticException("err");
        }));
        WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), r.done());
        assertEquals(Set.of(a), r.pending());
        assertEquals(0.01, loop.time(), 1e-9);
        loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_with_exception")
    @BothSchedulers
    void waitWithException(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(0.1));
        Task<Void> b = loop.createTask(async(() -> {
            await(sleep(0.15));
            throw new ArithmeticException("really");
        }));
        AsyncSupplier<Void> foo = () -> {
            WaitResult<Void> r = await(Asyncio.wait(List.of(b, a)));
            assertEquals(2, r.done().size());
            assertTrue(r.pending().isEmpty());
            assertEquals(1, r.done().stream().filter(f -> f.exception() != null).count());
            return null;
        };
        loop.runUntilComplete(async(foo));
        assertEquals(0.15, loop.time(), 1e-9);
        loop.runUntilComplete(async(foo));
        assertEquals(0.15, loop.time(), 1e-9);
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_with_timeout")
    @BothSchedulers
    void waitWithTimeout(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(0.1));
        Task<Void> b = loop.createTask(sleep(0.15));
        loop.runUntilComplete(async(() -> {
            WaitResult<Void> r = await(Asyncio.wait(List.of(b, a), 0.11, ReturnWhen.ALL_COMPLETED));
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
        }));
        assertEquals(0.11, loop.time(), 1e-9);
        loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_concurrent_complete")
    @BothSchedulers
    void waitConcurrentComplete(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<Void> a = loop.createTask(sleep(0.1));
        Task<Void> b = loop.createTask(sleep(0.15));
        WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(b, a), 0.1, ReturnWhen.ALL_COMPLETED));
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
        assertEquals(0.1, loop.time(), 1e-9);
        loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_generator")
    @BothSchedulers
    void waitGenerator(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int value = i;
                tasks.add(createTask(async(() -> value)));
            }
            WaitResult<Integer> r = await(Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED));
            assertEquals(10, r.done().size());
            assertEquals(0, r.pending().size());
        });
    }

    private static Coroutine<String> sleeper(double dt, String x) {
        return async(() -> {
            await(sleep(dt));
            return x;
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed")
    @BothSchedulers
    void asCompletedPlainAndAsynchronous(EventLoop.Scheduler scheduler) {
        for (boolean asynchronous : new boolean[] {false, true}) {
            EventLoop loop = newLoop(scheduler);
            List<String> res = loop.runUntilComplete(async(() -> {
                List<Coroutine<String>> aws = List.of(sleeper(0.01, "b"), sleeper(0.15, "c"), sleeper(0.01, "a"));
                List<String> values = new ArrayList<>();
                if (asynchronous) {
                    for (AsyncFuture<String> f : asCompleted(aws).futures()) {
                        values.add(await(f));
                    }
                } else {
                    for (Coroutine<String> f : asCompleted(aws)) {
                        values.add(await(f));
                    }
                }
                return values;
            }));
            assertEquals(0.15, loop.time(), 1e-9);
            assertTrue(res.subList(0, 2).containsAll(List.of("a", "b")));
            assertEquals("c", res.get(2));
            loop.close();
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_same_tasks_in_as_out")
    @BothSchedulers
    void asCompletedSameTasksInAsOut(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            // Tasks are yielded back as they are; coroutines as the tasks that ran them.
            Coroutine<String> coroA = async(() -> "a");
            Task<String> taskB = createTask(async(() -> "b"));
            Coroutine<String> coroC = async(() -> "c");
            Task<String> taskD = createTask(async(() -> "d"));
            Set<Object> in = Set.of(coroA, taskB, coroC, taskD);
            Set<Object> out = new HashSet<>();
            for (AsyncFuture<String> f :
                    asCompleted(List.of(coroA, taskB, coroC, taskD)).futures()) {
                out.add(f);
            }
            Set<Object> same = new HashSet<>(in);
            same.retainAll(out);
            assertEquals(Set.of(taskB, taskD), same);
            assertEquals(4, out.size());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_with_timeout")
    @BothSchedulers
    void asCompletedWithTimeout(EventLoop.Scheduler scheduler) {
        for (boolean asynchronous : new boolean[] {false, true}) {
            EventLoop loop = newLoop(scheduler);
            Task<String> a = loop.createTask(sleep(0.1, "a"));
            Task<String> b = loop.createTask(sleep(0.15, "b"));
            List<Object> res = loop.runUntilComplete(async(() -> {
                List<Object> values = new ArrayList<>();
                if (asynchronous) {
                    try {
                        for (AsyncFuture<String> f :
                                asCompleted(List.of(a, b), 0.12).futures()) {
                            values.add(await(f));
                        }
                    } catch (TimeoutError e) {
                        values.add(e);
                    }
                } else {
                    for (Coroutine<String> f : asCompleted(List.of(a, b), 0.12)) {
                        try {
                            values.add(await(f));
                        } catch (TimeoutError e) {
                            values.add(e);
                        }
                    }
                }
                return values;
            }));
            assertEquals(2, res.size(), res.toString());
            assertEquals("a", res.get(0));
            assertInstanceOf(TimeoutError.class, res.get(1));
            assertEquals(0.12, loop.time(), 1e-9);
            loop.runUntilComplete(Asyncio.wait(List.of(a, b)));
            loop.close();
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_with_unused_timeout")
    @BothSchedulers
    void asCompletedWithUnusedTimeout(EventLoop.Scheduler scheduler) {
        for (boolean asynchronous : new boolean[] {false, true}) {
            TestLoops.run(scheduler, () -> {
                Coroutine<String> a = sleep(0.01, "a");
                if (asynchronous) {
                    for (AsyncFuture<String> f : asCompleted(List.of(a), 1.0).futures()) {
                        assertEquals("a", await(f));
                    }
                } else {
                    for (Coroutine<String> f : asCompleted(List.of(a), 1.0)) {
                        assertEquals("a", await(f));
                    }
                }
                await(sleep(2)); // the unused deadline passes harmlessly
            });
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_resume_iterator")
    @BothSchedulers
    void asCompletedResumeIterator(EventLoop.Scheduler scheduler) {
        for (boolean asynchronous : new boolean[] {false, true}) {
            TestLoops.run(scheduler, () -> {
                List<Coroutine<Integer>> aws = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int value = i;
                    aws.add(async(() -> value));
                }
                AsCompleted<Integer> iterator = asCompleted(aws);
                List<Integer> collected = new ArrayList<>();
                int iterations = 0;
                if (asynchronous) {
                    for (AsyncFuture<Integer> f : iterator.futures()) {
                        collected.add(await(f));
                        if (++iterations == 2) {
                            break;
                        }
                    }
                    assertEquals(2, collected.size());
                    for (AsyncFuture<Integer> f : iterator.futures()) { // resume the same iterator
                        collected.add(await(f));
                    }
                } else {
                    for (Coroutine<Integer> f : iterator) {
                        collected.add(await(f));
                        if (++iterations == 2) {
                            break;
                        }
                    }
                    assertEquals(2, collected.size());
                    for (Coroutine<Integer> f : iterator) {
                        collected.add(await(f));
                    }
                }
                assertEquals(Set.of(0, 1, 2, 3), new HashSet<>(collected));
                assertEquals(4, collected.size());
            });
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_reverse_wait")
    @BothSchedulers
    void asCompletedReverseWait(EventLoop.Scheduler scheduler) {
        // The first coroutine awaited gives the first finished awaitable, even if it was not the first handed out.
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            List<Coroutine<String>> futs = new ArrayList<>();
            asCompleted(List.of(sleep(0.05, "a"), sleep(0.10, "b"))).forEach(futs::add);
            assertEquals(2, futs.size());
            assertEquals("a", await(futs.get(1)));
            assertEquals(0.05, loop.time(), 1e-9);
            assertEquals("b", await(futs.get(0)));
            assertEquals(0.10, loop.time(), 1e-9);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_concurrent")
    @BothSchedulers
    void asCompletedConcurrent(EventLoop.Scheduler scheduler) {
        // More than one element of as_completed can be awaited at the same time.
        for (boolean asynchronous : new boolean[] {false, true}) {
            TestLoops.run(scheduler, () -> {
                List<Coroutine<String>> fs = List.of(sleep(0.05, "a"), sleep(0.05, "b"));
                List<Task<?>> waiting = new ArrayList<>();
                if (asynchronous) {
                    AsCompleted<String> it = asCompleted(fs);
                    waiting.add(createTask(it.anext()));
                    waiting.add(createTask(it.anext()));
                } else {
                    for (Coroutine<String> f : asCompleted(fs)) {
                        waiting.add(createTask(f));
                    }
                }
                assertEquals(2, waiting.size());
                @SuppressWarnings({"unchecked", "rawtypes"})
                WaitResult<?> r = (WaitResult<?>) await(Asyncio.wait((List) waiting));
                Set<Object> results = new HashSet<>();
                for (AsyncFuture<?> f : r.done()) {
                    Object v = f.result();
                    results.add(v instanceof AsyncFuture<?> inner ? inner.result() : v);
                }
                assertEquals(Set.of("a", "b"), results);
            });
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_duplicate_coroutines")
    @BothSchedulers
    void asCompletedDuplicateCoroutines(EventLoop.Scheduler scheduler) {
        for (boolean asynchronous : new boolean[] {false, true}) {
            TestLoops.run(scheduler, () -> {
                Coroutine<String> c = async(() -> "ham");
                List<Coroutine<String>> aws = List.of(c, c, async(() -> "spam"));
                List<String> result = new ArrayList<>();
                if (asynchronous) {
                    for (AsyncFuture<String> f : asCompleted(aws).futures()) {
                        result.add(await(f));
                    }
                } else {
                    for (Coroutine<String> f : asCompleted(aws)) {
                        result.add(await(f));
                    }
                }
                assertEquals(Set.of("ham", "spam"), new HashSet<>(result));
                assertEquals(2, result.size());
            });
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_coroutine_without_loop")
    @BothSchedulers
    void asCompletedCoroutineWithoutLoop(EventLoop.Scheduler scheduler) {
        var e = assertThrows(IllegalStateException.class, () -> asCompleted(List.of(async(() -> 42))));
        assertTrue(e.getMessage().contains("no event loop is running"), e.getMessage());
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_as_completed_coroutine_use_running_loop")
    @BothSchedulers
    void asCompletedCoroutineUseRunningLoop(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            List<Coroutine<Integer>> futs = new ArrayList<>();
            asCompleted(List.of(async(() -> 42))).forEach(futs::add);
            assertEquals(1, futs.size());
            assertEquals(42, await(futs.get(0)));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_sleep")
    @BothSchedulers
    void sleepReturnsItsResult(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<String> t = loop.createTask(async(() -> {
            await(sleep(0.05));
            return await(sleep(0.05, "yeah"));
        }));
        loop.runUntilComplete(t);
        assertTrue(t.isDone());
        assertEquals("yeah", t.result());
        assertEquals(0.1, loop.time(), 1e-9);
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_sleep_when_delay_is_nan")
    @BothSchedulers
    void sleepWhenDelayIsNan(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            assertThrows(IllegalArgumentException.class, () -> await(sleep(Double.NaN)));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_cancel_sleeping_task")
    @BothSchedulers
    void taskCancelSleepingTask(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        String r = loop.runUntilComplete(async(() -> {
            Task<Void> sleeper = createTask(sleep(5000));
            getRunningLoop().callLater(0.1, sleeper::cancel);
            try {
                await(sleeper);
            } catch (CancelledError e) {
                return "cancelled";
            }
            return "slept in";
        }));
        assertEquals("cancelled", r);
        assertEquals(0.1, loop.time(), 1e-9);
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_cancel_waiter_future")
    @BothSchedulers
    void taskCancelWaiterFuture(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> fut = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> await(fut)));
        runBriefly(loop);
        assertNotNull(task.awaiting(), "the task waits for fut");
        task.cancel();
        runBriefly(loop);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertNull(task.awaiting());
        assertTrue(fut.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_task_set_methods")
    @BothSchedulers
    void taskSetMethods(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Task<String> task = loop.createTask(async(() -> "ko"));
        var e1 = assertThrows(UnsupportedOperationException.class, () -> task.setResult("ok"));
        assertTrue(e1.getMessage().contains("not support setResult"), e1.getMessage());
        var e2 = assertThrows(UnsupportedOperationException.class, () -> task.setException(new RuntimeException()));
        assertTrue(e2.getMessage().contains("not support setException"), e2.getMessage());
        assertEquals("ko", loop.runUntilComplete(task));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_step_result_future")
    @BothSchedulers
    void stepResultFuture(EventLoop.Scheduler scheduler) {
        // Awaiting a future registers exactly one done-callback and resumes with its result.
        TestLoops.run(scheduler, () -> {
            AtomicInteger callbacksAdded = new AtomicInteger();
            AsyncFuture<Object> fut = new AsyncFuture<>() {
                @Override
                public void addDoneCallback(java.util.function.Consumer<? super AsyncFuture<Object>> callback) {
                    callbacksAdded.incrementAndGet();
                    super.addDoneCallback(callback);
                }
            };
            AtomicReference<Object> result = new AtomicReference<>();
            Task<Void> t = createTask(() -> result.set(await(fut)));
            await(sleep(0));
            Object res = new Object();
            fut.setResult(res);
            await(t);
            assertSame(res, result.get());
            assertNull(t.result());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_baseexception_during_cancel")
    @BothSchedulers
    void baseExceptionDuringCancel(EventLoop.Scheduler scheduler) {
        // Python's SystemExit crashes the loop; a Java Error escaping a task becomes the task's exception and the
        // loop goes on (it is reported if nobody retrieves it).
        final class Exit extends Error {}
        Exit baseExc = new Exit();
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    throw baseExc;
                }
            });
            await(sleep(0));
            task.cancel();
            assertFalse(task.isDone());
            assertThrows(Exit.class, () -> await(task));
            assertTrue(task.isDone());
            assertFalse(task.isCancelled());
            assertSame(baseExc, task.exception());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_coroutine_non_gen_function_return_future")
    @BothSchedulers
    void coroutineReturningAFutureReturnsTheFutureItself(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<String> fut = loop.createFuture();
        Task<AsyncFuture<String>> t1 = loop.createTask(async(() -> fut));
        Task<Void> t2 = loop.createTask(async(() -> fut.setResult("test")));
        assertSame(fut, loop.runUntilComplete(t1));
        assertNull(t2.result());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_current_task")
    @BothSchedulers
    void currentTaskIsTheRunningOne(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        assertNull(Task.current());
        AtomicReference<Task<Void>> task = new AtomicReference<>();
        task.set(loop.createTask(async(() -> {
            assertSame(task.get(), currentTask());
            assertSame(task.get(), Task.current());
        })));
        loop.runUntilComplete(task.get());
        assertNull(Task.current());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_current_task_with_interleaving_tasks")
    @BothSchedulers
    void currentTaskWithInterleavingTasks(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Boolean> fut1 = loop.createFuture();
        AsyncFuture<Boolean> fut2 = loop.createFuture();
        AtomicReference<Task<Void>> task1 = new AtomicReference<>();
        AtomicReference<Task<Void>> task2 = new AtomicReference<>();
        task1.set(loop.createTask(async(() -> {
            assertSame(task1.get(), currentTask());
            await(fut1);
            assertSame(task1.get(), currentTask());
            fut2.setResult(true);
        })));
        task2.set(loop.createTask(async(() -> {
            assertSame(task2.get(), currentTask());
            fut1.setResult(true);
            await(fut2);
            assertSame(task2.get(), currentTask());
        })));
        loop.runUntilComplete(Asyncio.wait(List.of(task1.get(), task2.get())));
        assertNull(task1.get().exception());
        assertNull(task2.get().exception());
        assertNull(Task.current());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_yield_future_passes_cancel")
    @BothSchedulers
    void yieldFuturePassesCancel(EventLoop.Scheduler scheduler) {
        // Cancelling outer() cancels inner(), which cancels its waiter.
        EventLoop loop = newLoop(scheduler);
        AtomicInteger proof = new AtomicInteger();
        AsyncFuture<Void> waiter = loop.createFuture();
        Coroutine<Void> inner = async(() -> {
            try {
                await(waiter);
            } catch (CancelledError e) {
                proof.incrementAndGet();
                throw e;
            }
            fail("got past the wait in inner()");
        });
        Task<Void> f = loop.createTask(async(() -> {
            try {
                await(inner);
            } catch (CancelledError e) {
                proof.addAndGet(100); // expected path
                return;
            }
            proof.addAndGet(10);
        }));
        runBriefly(loop);
        f.cancel();
        loop.runUntilComplete(f);
        assertEquals(101, proof.get());
        assertTrue(waiter.isCancelled());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_yield_wait_does_not_shield_cancel")
    @BothSchedulers
    void yieldWaitDoesNotShieldCancel(EventLoop.Scheduler scheduler) {
        // Cancelling outer() makes wait() return early and leaves inner() running.
        EventLoop loop = newLoop(scheduler);
        AtomicInteger proof = new AtomicInteger();
        AsyncFuture<Void> waiter = loop.createFuture();
        Task<Void> f = loop.createTask(async(() -> {
            await(Asyncio.wait(List.of(createTask(() -> {
                await(waiter);
                proof.incrementAndGet();
            }))));
            proof.addAndGet(100);
        }));
        runBriefly(loop);
        f.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        waiter.setResult(null);
        runBriefly(loop);
        assertEquals(1, proof.get());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_result")
    @BothSchedulers
    void shieldResult(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            inner.setResult(42);
            assertEquals(42, await(outer));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_exception")
    @BothSchedulers
    void shieldException(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            IllegalStateException exc = new IllegalStateException("expected");
            inner.setException(exc);
            await(sleep(0));
            assertSame(exc, outer.exception());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_cancel_inner")
    @BothSchedulers
    void shieldCancelInner(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            inner.cancel();
            await(sleep(0));
            assertTrue(outer.isCancelled());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_cancel_outer")
    @BothSchedulers
    void shieldCancelOuter(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            assertTrue(outer.isCancelled());
            assertFalse(inner.isCancelled());
            inner.setResult(1);
        });
    }

    private static List<java.util.Map<String, Object>> handledReports(EventLoop loop) {
        List<java.util.Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        return reports;
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_cancel_outer_result")
    @BothSchedulers
    void shieldCancelOuterResult(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var reports = handledReports(getRunningLoop());
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            inner.setResult(1);
            await(sleep(0));
            assertEquals(List.of(), reports);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_cancel_outer_exception")
    @BothSchedulers
    void shieldCancelOuterException(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var reports = handledReports(getRunningLoop());
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            inner.setException(new IllegalStateException("foo"));
            await(sleep(0));
            assertEquals(1, reports.size());
            assertEquals(
                    "IllegalStateException exception in shielded future",
                    reports.get(0).get("message"));
            assertSame(inner, reports.get(0).get("future"));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_duplicate_log_once")
    @BothSchedulers
    void shieldDuplicateLogOnce(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var reports = handledReports(getRunningLoop());
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            AsyncFuture<Integer> outer = shield(inner);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            outer = shield(inner);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            inner.setException(new IllegalStateException("foo"));
            await(sleep(0));
            assertEquals(1, reports.size());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_shortcut")
    @BothSchedulers
    void shieldShortcut(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> fut = getRunningLoop().createFuture();
            fut.setResult(42);
            assertSame(fut, shield(fut));
            assertEquals(42, await(shield(fut)));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_effect")
    @BothSchedulers
    void shieldEffect(EventLoop.Scheduler scheduler) {
        // Cancelling outer() does not affect inner().
        EventLoop loop = newLoop(scheduler);
        AtomicInteger proof = new AtomicInteger();
        AsyncFuture<Void> waiter = loop.createFuture();
        Task<Void> f = loop.createTask(async(() -> {
            await(shield(async(() -> {
                await(waiter);
                proof.incrementAndGet();
            })));
            proof.addAndGet(100);
        }));
        runBriefly(loop);
        f.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        waiter.setResult(null);
        runBriefly(loop);
        assertEquals(1, proof.get());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_gather")
    @BothSchedulers
    void shieldGather(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Integer> child1 = loop.createFuture();
            AsyncFuture<Integer> child2 = loop.createFuture();
            AsyncFuture<List<Integer>> parent = gather(child1, child2);
            AsyncFuture<List<Integer>> outer = shield(parent);
            await(sleep(0));
            outer.cancel();
            await(sleep(0));
            assertTrue(outer.isCancelled());
            child1.setResult(1);
            child2.setResult(2);
            await(sleep(0));
            assertEquals(List.of(1, 2), parent.result());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_gather_shield")
    @BothSchedulers
    void gatherShield(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Integer> child1 = loop.createFuture();
            AsyncFuture<Integer> child2 = loop.createFuture();
            AsyncFuture<Integer> inner1 = shield(child1);
            AsyncFuture<Integer> inner2 = shield(child2);
            AsyncFuture<List<Integer>> parent = gather(inner1, inner2);
            await(sleep(0));
            parent.cancel(); // cancels inner1 and inner2, not child1 and child2
            await(sleep(0));
            assertInstanceOf(CancelledError.class, parent.exception());
            assertTrue(inner1.isCancelled());
            assertTrue(inner2.isCancelled());
            child1.setResult(1);
            child2.setResult(2);
            await(sleep(0));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_coroutine_without_loop")
    @BothSchedulers
    void shieldCoroutineWithoutLoop(EventLoop.Scheduler scheduler) {
        var e = assertThrows(IllegalStateException.class, () -> shield(async(() -> 42)));
        assertTrue(e.getMessage().contains("no event loop is running"), e.getMessage());
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_shield_coroutine_use_running_loop")
    @BothSchedulers
    void shieldCoroutineUseRunningLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Integer> outer = loop.runUntilComplete(async(() -> shield(async(() -> 42))));
        assertSame(loop, outer.getLoop());
        assertEquals(42, loop.runUntilComplete(outer));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_wait_invalid_args")
    @BothSchedulers
    void waitInvalidArgs(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(IllegalArgumentException.class, () -> await(Asyncio.wait(List.<Task<Void>>of())));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_tb_logger_not_called_after_cancel")
    @BothSchedulers
    void tracebackLoggerNotCalledAfterCancel(EventLoop.Scheduler scheduler) throws Exception {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    Task<Void> task = createTask(() -> {
                        throw new IllegalArgumentException("type");
                    });
                    await(sleep(0.05));
                    task.cancel(); // dealt with: no "never retrieved" at collection
                }),
                TestLoops.virtualTime(scheduler, reports::add));
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertEquals(List.of(), reports);
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_gather_1")
    @BothSchedulers
    void cancelGather1(EventLoop.Scheduler scheduler) {
        // A gathering future refuses to be cancelled once all its children are done (issue #26923).
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Integer> fut = loop.createFuture();
        // The indirection through a coroutine keeps the gathering future from finishing with the child future.
        AsyncFuture<List<Integer>> gatherTask = loop.runUntilComplete(async(() -> gather(async(() -> await(fut)))));
        AtomicReference<Boolean> cancelResult = new AtomicReference<>();
        fut.addDoneCallback(f -> cancelResult.set(gatherTask.cancel()));
        fut.setResult(42);
        loop.runUntilComplete(gatherTask);
        assertEquals(false, cancelResult.get());
        assertFalse(gatherTask.isCancelled());
        assertEquals(List.of(42), gatherTask.result());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_cancel_gather_2")
    @BothSchedulers
    void cancelGather2(EventLoop.Scheduler scheduler) {
        for (String message : new String[] {null, "my message"}) {
            EventLoop loop = newLoop(scheduler);
            Coroutine<Void> test = async(() -> {
                double time = 0;
                while (true) {
                    time += 0.05;
                    await(gatherReturningExceptions(sleep(0.05)));
                    if (time > 1) {
                        return;
                    }
                }
            });
            Coroutine<Void> main = async(() -> {
                Task<Void> qwe = createTask(test);
                await(sleep(0.2));
                qwe.cancel(message);
                await(qwe);
            });
            var e = assertThrows(
                    CancelledError.class,
                    () -> loop.runUntilComplete(main),
                    "gather() propagates the CancelledError of its children to its caller");
            assertEquals(message, e.getMessage());
            assertNull(e.getCause());
            loop.close();
        }
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_exception_traceback")
    @BothSchedulers
    void exceptionTraceback(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                throw new ArithmeticException("/ by zero");
            });
            await(sleep(0)); // skip one loop iteration
            assertTrue(task.exception().getStackTrace().length > 0);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_bare_create_task")
    @BothSchedulers
    void bareCreateTask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Integer> task = createTask(async(() -> 1));
            assertEquals(1, await(task));
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_bare_create_named_task")
    @BothSchedulers
    void bareCreateNamedTask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(async(() -> {}), "No-op");
            assertEquals("No-op", task.getName());
            await(task);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_1")
    @BothSchedulers
    void context1(EventLoop.Scheduler scheduler) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        TestLoops.run(scheduler, () -> {
            assertEquals("nope", cvar.get());
            Task<Void> subtask = createTask(() -> {
                await(sleep(0.01));
                assertEquals("nope", cvar.get());
                cvar.set("something else");
            });
            cvar.set("yes");
            assertEquals("yes", cvar.get());
            await(subtask);
            assertEquals("yes", cvar.get());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_2")
    @BothSchedulers
    void context2(EventLoop.Scheduler scheduler) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            assertEquals("nope", cvar.get());
            for (int j = 0; j < 2; j++) {
                AsyncFuture<Void> fut = loop.createFuture();
                // This change must not pollute the context of the main task.
                fut.addDoneCallback(f -> cvar.set("something else"));
                cvar.set("yes" + j);
                loop.callSoon(() -> fut.setResult(null));
                await(fut);
                assertEquals("yes" + j, cvar.get());
                for (int i = 0; i < 3; i++) {
                    // The task passed its context to addDoneCallback.
                    cvar.set("yes" + i + "-" + j);
                    await(sleep(0.001));
                    assertEquals("yes" + i + "-" + j, cvar.get());
                }
            }
        });
        assertEquals("nope", cvar.get());
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_3")
    @BothSchedulers
    void context3(EventLoop.Scheduler scheduler) {
        // 100 tasks at once, each modifying the variable.
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        Random random = new Random(42);
        TestLoops.run(scheduler, () -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int num = random.nextInt(11);
                double[] pauses = random.doubles(10, 0.001, 0.05).toArray();
                tasks.add(createTask(() -> {
                    for (int k = 0; k < 10; k++) {
                        cvar.set(num + k);
                        await(sleep(pauses[k]));
                        assertEquals(num + k, cvar.get());
                    }
                }));
            }
            await(gather(tasks));
        });
        assertEquals(-1, cvar.get());
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_4")
    @BothSchedulers
    void context4(EventLoop.Scheduler scheduler) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        List<Integer> ret = TestLoops.run(scheduler, () -> {
            List<Integer> values = new ArrayList<>();
            Context ctx = Context.copyCurrent();
            values.add(ctx.get(cvar));
            for (int val = 1; val <= 2; val++) {
                int v = val;
                Task<Void> t = Task.create(
                        getRunningLoop(),
                        async(() -> {
                            await(sleep(0));
                            cvar.set(v);
                        }),
                        null,
                        ctx,
                        false);
                await(t);
                values.add(ctx.get(cvar));
            }
            return values;
        });
        assertEquals(Arrays.asList(null, 1, 2), ret);
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_5")
    @BothSchedulers
    void context5(EventLoop.Scheduler scheduler) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        List<Integer> ret = TestLoops.run(scheduler, () -> {
            List<Integer> values = new ArrayList<>();
            Context ctx = Context.copyCurrent();
            values.add(ctx.get(cvar));
            for (int val = 1; val <= 2; val++) {
                int v = val;
                await(createTask(
                        async(() -> {
                            await(sleep(0));
                            cvar.set(v);
                        }),
                        null,
                        ctx));
                values.add(ctx.get(cvar));
            }
            return values;
        });
        assertEquals(Arrays.asList(null, 1, 2), ret);
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_context_6")
    @BothSchedulers
    void context6(EventLoop.Scheduler scheduler) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        EventLoop loop = newLoop(scheduler);
        Task<List<Integer>> task = loop.createTask(async(() -> {
            List<Integer> values = new ArrayList<>();
            Context ctx = Context.copyCurrent();
            values.add(ctx.get(cvar));
            for (int val = 1; val <= 2; val++) {
                int v = val;
                await(loop.createTask(
                        async(() -> {
                            await(sleep(0));
                            cvar.set(v);
                        }),
                        null,
                        ctx));
                values.add(ctx.get(cvar));
            }
            return values;
        }));
        assertEquals(Arrays.asList(null, 1, 2), loop.runUntilComplete(task));
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_eager_start_true")
    @BothSchedulers
    void eagerStartTrue(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<String> name = new AtomicReference<>();
            Task<Void> t = Task.create(
                    getRunningLoop(), async(() -> name.set(currentTask().getName())), "example", null, true);
            assertTrue(t.isDone());
            assertEquals("example", name.get());
            await(t);
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_eager_start_false")
    @BothSchedulers
    void eagerStartFalse(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AtomicReference<String> name = new AtomicReference<>();
            Task<Void> t = Task.create(
                    getRunningLoop(), async(() -> name.set(currentTask().getName())), "example", null, false);
            assertFalse(t.isDone());
            assertNull(name.get());
            await(t);
            assertEquals("example", name.get());
        });
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_get_coro")
    @BothSchedulers
    void getCoro(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Coroutine<Void> coro = async(() -> {});
        Task<Void> task = loop.createTask(coro);
        loop.runUntilComplete(task);
        assertSame(coro, task.getCoro());
        loop.close();
    }

    @DisplayName("test_tasks.py::BaseTaskTests::test_get_context")
    @BothSchedulers
    void getContext(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Context context = Context.copyCurrent();
        Task<Void> task = loop.createTask(async(() -> {}), null, context);
        loop.runUntilComplete(task);
        assertSame(context, task.getContext());
        loop.close();
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_success")
    @BothSchedulers
    void gatherSuccess(EventLoop.Scheduler scheduler) {
        for (boolean returnExceptions : new boolean[] {false, true}) {
            TestLoops.run(scheduler, () -> {
                EventLoop loop = getRunningLoop();
                AsyncFuture<Integer> a = loop.createFuture();
                AsyncFuture<Integer> b = loop.createFuture();
                AsyncFuture<Integer> c = loop.createFuture();
                AsyncFuture<? extends List<?>> fut =
                        returnExceptions ? gatherReturningExceptions(a, b, c) : gather(a, b, c);
                AtomicInteger called = new AtomicInteger();
                fut.addDoneCallback(f -> called.incrementAndGet());
                b.setResult(1);
                a.setResult(2);
                await(sleep(0));
                await(sleep(0));
                assertEquals(0, called.get());
                assertFalse(fut.isDone());
                c.setResult(3);
                await(sleep(0));
                await(sleep(0));
                assertEquals(1, called.get());
                assertEquals(List.of(2, 1, 3), fut.result());
            });
        }
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_one_exception")
    @BothSchedulers
    void gatherOneException(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            List<AsyncFuture<Integer>> f = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                f.add(loop.createFuture());
            }
            AsyncFuture<List<Integer>> fut = gather(f);
            AtomicInteger called = new AtomicInteger();
            fut.addDoneCallback(x -> called.incrementAndGet());
            ArithmeticException exc = new ArithmeticException();
            f.get(0).setResult(1);
            f.get(1).setException(exc);
            await(sleep(0));
            await(sleep(0));
            assertTrue(fut.isDone());
            assertEquals(1, called.get());
            assertSame(exc, fut.exception());
            // Does nothing.
            f.get(2).setResult(3);
            f.get(3).cancel();
            f.get(4).setException(new IllegalStateException());
            f.get(4).exception();
        });
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_return_exceptions")
    @BothSchedulers
    void gatherReturnExceptions(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Integer> a = loop.createFuture();
            AsyncFuture<Integer> b = loop.createFuture();
            AsyncFuture<Integer> c = loop.createFuture();
            AsyncFuture<Integer> d = loop.createFuture();
            AsyncFuture<List<Object>> fut = gatherReturningExceptions(a, b, c, d);
            ArithmeticException exc = new ArithmeticException();
            IllegalStateException exc2 = new IllegalStateException();
            b.setResult(1);
            c.setException(exc);
            a.setResult(3);
            await(sleep(0));
            await(sleep(0));
            assertFalse(fut.isDone());
            d.setException(exc2);
            await(sleep(0));
            await(sleep(0));
            assertTrue(fut.isDone());
            assertEquals(List.of(3, 1, exc, exc2), fut.result());
        });
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_constructor_empty_sequence_use_running_loop")
    @BothSchedulers
    void gatherEmptyUsesTheRunningLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<List<Object>> fut = loop.runUntilComplete(async(() -> gather()));
        assertSame(loop, fut.getLoop());
        assertTrue(fut.isDone());
        assertEquals(List.of(), fut.result());
        loop.close();
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_constructor_heterogenous_futures")
    @BothSchedulers
    void gatherOverTwoLoopsIsAnError(EventLoop.Scheduler scheduler) {
        EventLoop other = newLoop(scheduler);
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> fut1 = getRunningLoop().createFuture();
            AsyncFuture<Integer> fut2 = other.createFuture();
            assertThrows(IllegalArgumentException.class, () -> gather(fut1, fut2));
        });
        other.close();
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_constructor_homogenous_futures")
    @BothSchedulers
    void gatherOfAnotherLoopsFuturesBelongsToThatLoop(EventLoop.Scheduler scheduler) {
        EventLoop other = newLoop(scheduler);
        List<AsyncFuture<Integer>> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(other.createFuture());
        }
        AsyncFuture<List<Integer>> fut = gather(children);
        assertSame(other, fut.getLoop());
        runBriefly(other);
        assertFalse(fut.isDone());
        other.close();
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_one_cancellation")
    @BothSchedulers
    void gatherOneCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            List<AsyncFuture<Integer>> f = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                f.add(loop.createFuture());
            }
            AsyncFuture<List<Integer>> fut = gather(f);
            f.get(0).setResult(1);
            f.get(1).cancel();
            await(sleep(0));
            await(sleep(0));
            assertTrue(fut.isDone());
            assertFalse(fut.isCancelled());
            assertInstanceOf(CancelledError.class, fut.exception());
            f.get(2).setResult(3);
            f.get(3).cancel();
            f.get(4).setException(new IllegalStateException());
            f.get(4).exception();
        });
    }

    @DisplayName("test_tasks.py::FutureGatherTests::test_result_exception_one_cancellation")
    @BothSchedulers
    void gatherResultExceptionOneCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            List<AsyncFuture<Integer>> f = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                f.add(loop.createFuture());
            }
            AsyncFuture<List<Object>> fut = gatherReturningExceptions(f);
            f.get(0).setResult(1);
            ArithmeticException zde = new ArithmeticException();
            f.get(1).setException(zde);
            f.get(2).cancel();
            await(sleep(0));
            await(sleep(0));
            assertFalse(fut.isDone());
            f.get(3).setResult(3);
            f.get(4).cancel();
            IllegalStateException rte = new IllegalStateException();
            f.get(5).setException(rte);
            List<Object> res = new ArrayList<>(await(fut));
            assertInstanceOf(CancelledError.class, res.get(2));
            assertInstanceOf(CancelledError.class, res.get(4));
            res.set(2, null);
            res.set(4, null);
            assertEquals(Arrays.asList(1, zde, null, 3, null, rte), res);
        });
    }

    @DisplayName("test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines")
    @BothSchedulers
    void gatherDuplicateCoroutines(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<String> c = async(() -> "abc");
            assertEquals(List.of("abc", "abc", "def", "abc"), await(gather(c, c, async(() -> "def"), c)));
        });
    }

    @DisplayName("test_tasks.py::CoroutineGatherTests::test_cancellation_broadcast")
    @BothSchedulers
    void gatherCancellationBroadcast(EventLoop.Scheduler scheduler) {
        // Cancelling outer() cancels all children.
        EventLoop loop = newLoop(scheduler);
        AtomicInteger proof = new AtomicInteger();
        AsyncFuture<Void> waiter = loop.createFuture();
        AsyncSupplier<Void> inner = () -> {
            await(waiter);
            proof.incrementAndGet();
            return null;
        };
        Task<Void> child1 = loop.createTask(async(inner));
        Task<Void> child2 = loop.createTask(async(inner));
        AtomicReference<AsyncFuture<List<Void>>> gatherer = new AtomicReference<>();
        Task<Void> f = loop.createTask(async(() -> {
            gatherer.set(gather(child1, child2));
            await(gatherer.get());
            proof.addAndGet(100);
        }));
        runBriefly(loop);
        assertTrue(f.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertFalse(gatherer.get().cancel());
        assertTrue(waiter.isCancelled());
        assertTrue(child1.isCancelled());
        assertTrue(child2.isCancelled());
        runBriefly(loop);
        assertEquals(0, proof.get());
        loop.close();
    }

    @DisplayName("test_tasks.py::CoroutineGatherTests::test_exception_marking")
    @BothSchedulers
    void gatherExceptionMarking(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> a = loop.createFuture();
        AsyncFuture<Void> b = loop.createFuture();
        java.util.function.Function<AsyncFuture<Void>, Coroutine<Void>> inner = f -> async(() -> {
            await(f);
            throw new IllegalStateException("should not be ignored");
        });
        Task<List<Void>> f = loop.createTask(async(() -> await(gather(inner.apply(a), inner.apply(b)))));
        runBriefly(loop);
        a.setResult(null);
        runBriefly(loop);
        b.setResult(null);
        runBriefly(loop);
        assertInstanceOf(IllegalStateException.class, f.exception());
        loop.close();
    }

    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe")
    @BothSchedulers
    void runCoroutineThreadsafe(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Coroutine<Integer> add = async(() -> {
            await(sleep(0));
            return 1 + 2;
        });
        AsyncFuture<Integer> future = loop.runInExecutor(
                null, () -> Asyncio.runCoroutineThreadsafe(add, loop).get());
        assertEquals(3, loop.runUntilComplete(future));
        loop.close();
    }

    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_exception")
    @BothSchedulers
    void runCoroutineThreadsafeWithException(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Coroutine<Integer> add = async(() -> {
            await(sleep(0));
            throw new IllegalStateException("Fail!");
        });
        AsyncFuture<Integer> future = loop.runInExecutor(null, () -> {
            try {
                return Asyncio.runCoroutineThreadsafe(add, loop).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw (Exception) e.getCause();
            }
        });
        var e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));
        assertEquals("Fail!", e.getMessage());
        loop.close();
    }

    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_timeout")
    @BothSchedulers
    void runCoroutineThreadsafeWithTimeout(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        AsyncFuture<Void> release = loop.createFuture();
        Coroutine<Integer> add = async(() -> {
            await(release);
            return 3;
        });
        AsyncFuture<Integer> future = loop.runInExecutor(null, () -> {
            var f = Asyncio.runCoroutineThreadsafe(add, loop);
            try {
                return f.get(0, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                f.cancel(false);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> loop.runUntilComplete(future));
        runBriefly(loop);
        // No pending task: add was cancelled.
        assertTrue(loop.runUntilComplete(
                async(() -> allTasks().stream().filter(t -> t != currentTask()).allMatch(Task::isDone))));
        loop.close();
    }

    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_task_cancelled")
    @BothSchedulers
    void runCoroutineThreadsafeTaskCancelled(EventLoop.Scheduler scheduler) {
        EventLoop loop = newLoop(scheduler);
        Coroutine<Integer> add = async(() -> {
            await(sleep(0));
            currentTask().cancel();
            await(sleep(0));
            return 3;
        });
        AsyncFuture<Integer> future = loop.runInExecutor(
                null, () -> Asyncio.runCoroutineThreadsafe(add, loop).get());
        assertThrows(java.util.concurrent.CancellationException.class, () -> loop.runUntilComplete(future));
        loop.close();
    }

    @DisplayName("test_tasks.py::SleepTests::test_sleep_zero")
    @BothSchedulers
    void sleepZero(EventLoop.Scheduler scheduler) {
        AtomicInteger result = new AtomicInteger();
        TestLoops.run(scheduler, () -> {
            getRunningLoop().callSoon(() -> result.addAndGet(1));
            assertEquals(0, result.get());
            int num = await(sleep(0, 10));
            assertEquals(1, result.get()); // incremented by callSoon
            result.addAndGet(num);
        });
        assertEquals(11, result.get());
    }
}
