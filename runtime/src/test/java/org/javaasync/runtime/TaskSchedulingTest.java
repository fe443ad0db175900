package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class TaskSchedulingTest {

    @BothSchedulers
    void aNewTaskStartsOnlyWhenTheCurrentTaskAwaits(EventLoop.Scheduler scheduler) {
        var steps = new TestLoops.Steps();
        TestLoops.run(scheduler, () -> {
            steps.expect(1);
            var child = createTask(() -> steps.expect(3));
            steps.expect(2);
            await(child);
            steps.finish(4);
        });
    }

    @BothSchedulers
    void readyTasksRunInFifoOrderAndSleepZeroYieldsOnce(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(() -> {
                    log.add(name + "1");
                    await(sleep(0));
                    log.add(name + "2");
                }));
            }
            await(gather(tasks));
        });
        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "c2"), log);
    }

    @BothSchedulers
    void sleepsEndAtExactVirtualTimes(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            var slow = createTask(() -> {
                await(sleep(1.5));
                log.add("slow@" + loop.time());
            });
            var fast = createTask(() -> {
                await(sleep(java.time.Duration.ofMillis(500)));
                log.add("fast@" + loop.time());
            });
            await(slow);
            await(fast);
            log.add("main@" + loop.time());
            assertEquals("done", await(sleep(1, "done")));
            log.add("main@" + loop.time());
        });
        assertEquals(List.of("fast@0.5", "slow@1.5", "main@1.5", "main@2.5"), log);
    }

    @BothSchedulers
    void awaitingACoroutineRunsItInlineInTheAwaitingTask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<?> outer = currentTask();
            Coroutine<Task<?>> coro = async(() -> currentTask());
            assertFalse(coro.isStarted());
            assertSame(outer, await(coro));
            assertTrue(coro.isStarted());
            assertEquals(1, allTasks().size());
        });
    }

    @BothSchedulers
    void aCoroutineDoesNothingUntilAwaited(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Coroutine<Void> coro = async(() -> {
                log.add("ran");
            });
            await(sleep(1));
            assertEquals(List.of(), log);
            await(coro);
            assertEquals(List.of("ran"), log);
        });
    }

    @BothSchedulers
    void awaitingACoroutineTwiceIsAnError(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Coroutine<Integer> coro = async("answer", () -> 42);
            assertEquals(42, await(coro));
            var e = assertThrows(IllegalStateException.class, () -> await(coro));
            assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine 'answer'"), e.getMessage());
            Coroutine<Integer> wrapped = async(() -> 1);
            createTask(wrapped);
            assertThrows(IllegalStateException.class, () -> await(wrapped));
        });
    }

    @BothSchedulers
    void awaitRethrowsTheTasksOwnCheckedException(EventLoop.Scheduler scheduler) {
        IOException failure = new IOException("no route");
        TestLoops.run(scheduler, () -> {
            Task<String> task = createTask(() -> {
                await(sleep(1));
                throw failure;
            });
            Exception caught = null;
            try {
                await(task);
            } catch (Exception e) {
                caught = e;
            }
            assertSame(failure, caught);
            assertSame(failure, task.exception());
        });
    }

    @BothSchedulers
    void onlyUnnamedTasksTakeANumberAsInAsyncio(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> first = createTask(sleep(0));
            Task<Void> named = createTask(sleep(0), "named");
            Task<Void> second = createTask(sleep(0));
            long n = Long.parseLong(first.getName().substring("Task-".length()));
            assertEquals("Task-" + (n + 1), second.getName(), "the named task in between took no number");
            assertThrows(NullPointerException.class, () -> named.setName(null));
            assertEquals("named", named.getName());
            await(gather(first, named, second));
        });
    }

    @BothSchedulers
    void tasksHaveNamesAndAreListedUntilDone(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> named = createTask(() -> await(sleep(1)), "worker");
            Task<Void> unnamed = createTask(sleep(2));
            assertEquals("worker", named.getName());
            assertTrue(unnamed.getName().startsWith("Task-"), unnamed.getName());
            unnamed.setName("renamed");
            assertEquals("renamed", unnamed.getName());
            Set<Task<?>> all = allTasks();
            assertEquals(Set.of(currentTask(), named, unnamed), all);
            await(named);
            assertEquals(Set.of(currentTask(), unnamed), allTasks());
            await(unnamed);
            assertNotSame(named.getCoro(), unnamed.getCoro());
            assertEquals("sleep", unnamed.getCoro().getName());
        });
    }

    @BothSchedulers
    void aTaskCannotAwaitItself(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Object>[] self = new Task[1];
            self[0] = createTask(() -> {
                await(sleep(0));
                return await(self[0]);
            });
            var e = assertThrows(IllegalStateException.class, () -> await(self[0]));
            assertTrue(e.getMessage().contains("cannot await itself"), e.getMessage());
        });
    }

    @BothSchedulers
    void createTaskOfAFutureWrapsItAndOfATaskReturnsTheTask(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            Task<String> wrapper = createTask(f);
            Task<String> task = createTask(sleep(1, "t"));
            assertSame(task, getRunningLoop().createTask(task));
            getRunningLoop().callLater(2, () -> f.setResult("f"));
            assertEquals("f", await(wrapper));
            assertEquals("t", await(task));
        });
    }

    @BothSchedulers
    void childTasksInheritTheContextOfTheTaskThatCreatedThem(EventLoop.Scheduler scheduler) {
        ContextVar<String> cell = new ContextVar<>("cell");
        List<Object> seen = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            cell.set("cell 1");
            Task<Void> child = createTask(() -> {
                seen.add(cell.get());
                Task<Void> grandchild = createTask(() -> {
                    seen.add(cell.get());
                });
                await(grandchild);
            });
            cell.set("cell 2");
            Task<Void> later = createTask(() -> {
                seen.add(cell.get());
            });
            await(gather(child, later));
        });
        assertEquals(List.of("cell 1", "cell 2", "cell 1"), seen);
    }
}
