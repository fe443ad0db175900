package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;

/**
 * CPython's {@code Lib/test/test_asyncio/test_eager_task_factory.py}: {@code EagerTaskFactoryLoopTests} and the
 * task-counting tests, on virtual-time loops. Left out: {@code staggered_race} (not part of this runtime) and the
 * C-implementation regressions.
 */
class CpythonEagerTaskFactoryTest {

    private static EventLoop eagerLoop(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        loop.setTaskFactory(eagerTaskFactory());
        return loop;
    }

    /** EagerTaskFactoryLoopTests.run_coro: runs {@code body} as the main task of an eager loop. */
    private static <T> T runCoro(EventLoop.Scheduler scheduler, AsyncSupplier<T> body) {
        EventLoop loop = eagerLoop(scheduler);
        try {
            return loop.runUntilComplete(async(body));
        } finally {
            loop.close();
        }
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_task_factory_set")
    @BothSchedulers
    void eagerTaskFactorySet(EventLoop.Scheduler scheduler) {
        EventLoop loop = eagerLoop(scheduler);
        assertSame(eagerTaskFactory(), loop.getTaskFactory());
        loop.runUntilComplete(async(() -> {
            Task<Void> t = getRunningLoop().createTask(async(() -> {}));
            await(t);
        }));
        loop.close();
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_await_future_during_eager_step")
    @BothSchedulers
    void awaitFutureDuringEagerStep(EventLoop.Scheduler scheduler) {
        String r = runCoro(scheduler, () -> {
            AsyncFuture<String> fut = getRunningLoop().createFuture();
            Task<Void> t = getRunningLoop().createTask(async(() -> fut.setResult("my message")));
            assertTrue(t.isDone(), "the eager step completed the task");
            return await(fut);
        });
        assertEquals("my message", r);
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_eager_completion")
    @BothSchedulers
    void eagerCompletion(EventLoop.Scheduler scheduler) {
        String r = runCoro(scheduler, () -> {
            Task<String> t = getRunningLoop().createTask(async(() -> "hello"));
            assertTrue(t.isDone(), "the eager step completed the task");
            return await(t);
        });
        assertEquals("hello", r);
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_block_after_eager_step")
    @BothSchedulers
    void blockAfterEagerStep(EventLoop.Scheduler scheduler) {
        String r = runCoro(scheduler, () -> {
            Task<String> t = getRunningLoop().createTask(async(() -> {
                await(sleep(0.1));
                return "finished after blocking";
            }));
            assertFalse(t.isDone());
            String result = await(t);
            assertTrue(t.isDone());
            return result;
        });
        assertEquals("finished after blocking", r);
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_completion")
    @BothSchedulers
    void cancellationAfterEagerCompletion(EventLoop.Scheduler scheduler) {
        String r = runCoro(scheduler, () -> {
            Task<String> t = getRunningLoop().createTask(async(() -> "finished without blocking"));
            t.cancel();
            String result = await(t);
            assertFalse(t.isCancelled(), "a finished task cannot be cancelled");
            return result;
        });
        assertEquals("finished without blocking", r);
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_cancellation_after_eager_step_blocks")
    @BothSchedulers
    void cancellationAfterEagerStepBlocks(EventLoop.Scheduler scheduler) {
        var e = assertThrows(
                CancelledError.class,
                () -> runCoro(scheduler, () -> {
                    Task<String> t = getRunningLoop().createTask(async(() -> {
                        await(sleep(0.1));
                        return "finished after blocking";
                    }));
                    t.cancel("cancellation message");
                    assertTrue(t.cancelling() > 0);
                    return await(t);
                }));
        assertEquals("cancellation message", e.getMessage());
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_current_task")
    @BothSchedulers
    void currentTaskDuringTheEagerStep(EventLoop.Scheduler scheduler) {
        runCoro(scheduler, () -> {
            AtomicReference<Task<?>> captured = new AtomicReference<>();
            Task<Void> t = getRunningLoop().createTask(async(() -> {
                captured.set(currentTask());
                await(sleep(0.1)); // the same task before and after blocking
                assertSame(captured.get(), currentTask());
            }));
            assertSame(t, captured.get());
            await(t);
            return null;
        });
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_eager_completion")
    @BothSchedulers
    void allTasksWithEagerCompletion(EventLoop.Scheduler scheduler) {
        runCoro(scheduler, () -> {
            AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
            Task<Void> t = getRunningLoop().createTask(async(() -> captured.set(allTasks())));
            assertTrue(captured.get().contains(t));
            assertFalse(allTasks().contains(t));
            return null;
        });
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_all_tasks_with_blocking")
    @BothSchedulers
    void allTasksWithBlocking(EventLoop.Scheduler scheduler) {
        runCoro(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Void> fut1 = loop.createFuture();
            AsyncFuture<Void> fut2 = loop.createFuture();
            AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
            Task<Void> t = loop.createTask(async(() -> {
                captured.set(allTasks());
                await(fut1);
                fut2.setResult(null);
            }));
            assertTrue(captured.get().contains(t));
            assertTrue(allTasks().contains(t));
            fut1.setResult(null);
            await(fut2);
            await(sleep(0));
            assertFalse(allTasks().contains(t));
            return null;
        });
    }

    @DisplayName("test_eager_task_factory.py::EagerTaskFactoryLoopTests::test_context_vars")
    @BothSchedulers
    void contextVars(EventLoop.Scheduler scheduler) {
        ContextVar<Integer> cv = new ContextVar<>("cv", 0);
        runCoro(scheduler, () -> {
            AtomicBoolean firstStepRan = new AtomicBoolean();
            AtomicBoolean secondStepRan = new AtomicBoolean();
            cv.set(1);
            Task<Void> t = getRunningLoop().createTask(async(() -> {
                assertEquals(1, cv.get());
                cv.set(2);
                assertEquals(2, cv.get());
                firstStepRan.set(true);
                await(sleep(0.1));
                assertEquals(2, cv.get());
                cv.set(3);
                assertEquals(3, cv.get());
                secondStepRan.set(true);
            }));
            assertTrue(firstStepRan.get());
            assertFalse(secondStepRan.get());
            assertEquals(1, cv.get());
            await(t);
            assertTrue(secondStepRan.get());
            assertEquals(1, cv.get());
            return null;
        });
    }

    @BothSchedulers
    void anEagerStepRunsBeforeAnythingElseAndTheCreatorRightAfter(EventLoop.Scheduler scheduler) {
        // Not a CPython case: what an eager step inside a task means for the ready queue.
        List<String> order = new ArrayList<>();
        runCoro(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            loop.callSoon(() -> order.add("callback scheduled before"));
            loop.createTask(async(() -> {
                order.add("eager step");
                await(sleep(0));
                order.add("second step");
            }));
            order.add("creator resumes");
            await(sleep(0));
            order.add("creator after yielding");
            await(sleep(0));
            return null;
        });
        assertEquals(
                List.of(
                        "eager step",
                        "creator resumes",
                        "callback scheduled before",
                        "second step",
                        "creator after yielding"),
                order);
    }

    /** AsyncTaskCounter: counts the tasks that start lazily. */
    private static final class CountingFactory implements TaskFactory {
        final AtomicInteger taskCount = new AtomicInteger();
        final boolean eager;

        CountingFactory(boolean eager) {
            this.eager = eager;
        }

        @Override
        public <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name, Context context) {
            if (!eager) {
                taskCount.incrementAndGet();
            }
            return Task.create(loop, coro, name, context, eager);
        }
    }

    private static Coroutine<Integer> awaitableChain(int depth) {
        return async(() -> depth == 0 ? 0 : 1 + await(awaitableChain(depth - 1)));
    }

    private static Coroutine<Void> recursiveTaskGroups(int width, int depth) {
        return async(() -> {
            if (depth == 0) {
                return;
            }
            await(taskGroup(tg -> {
                for (int i = 0; i < width; i++) {
                    tg.createTask(recursiveTaskGroups(width, depth - 1));
                }
            }));
        });
    }

    private static Coroutine<Void> recursiveGather(int width, int depth) {
        return async(() -> {
            if (depth == 0) {
                return;
            }
            List<Coroutine<Void>> children = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                children.add(recursiveGather(width, depth - 1));
            }
            await(gather(children));
        });
    }

    private static int countTasks(EventLoop.Scheduler scheduler, boolean eager, Awaitable<?> main) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        CountingFactory factory = new CountingFactory(eager);
        loop.setTaskFactory(factory);
        loop.runUntilComplete(main);
        loop.close();
        return factory.taskCount.get();
    }

    @DisplayName("test_eager_task_factory.py::BaseTaskCountingTests::test_awaitables_chain")
    @BothSchedulers
    void awaitablesChain(EventLoop.Scheduler scheduler) {
        for (boolean eager : new boolean[] {false, true}) {
            EventLoop loop = TestLoops.virtualTime(scheduler);
            CountingFactory factory = new CountingFactory(eager);
            loop.setTaskFactory(factory);
            assertEquals(100, loop.runUntilComplete(awaitableChain(100)));
            assertEquals(eager ? 0 : 1, factory.taskCount.get());
            loop.close();
        }
    }

    @DisplayName("test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_taskgroups")
    @BothSchedulers
    void recursiveTaskgroupsCount(EventLoop.Scheduler scheduler) {
        assertEquals(781, countTasks(scheduler, false, recursiveTaskGroups(5, 4)), "1 + 5 + 5^2 + 5^3 + 5^4");
        assertEquals(0, countTasks(scheduler, true, recursiveTaskGroups(5, 4)));
    }

    @DisplayName("test_eager_task_factory.py::BaseTaskCountingTests::test_recursive_gather")
    @BothSchedulers
    void recursiveGatherCount(EventLoop.Scheduler scheduler) {
        assertEquals(781, countTasks(scheduler, false, recursiveGather(5, 4)));
        assertEquals(0, countTasks(scheduler, true, recursiveGather(5, 4)));
    }
}
