package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

class TaskGroupTest {

    @BothSchedulers
    void closeWaitsForEveryTaskOfTheGroup(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<String> a;
            Task<String> b;
            try (var tg = new TaskGroup()) {
                a = tg.createTask(sleep(2, "a"));
                b = tg.createTask(() -> {
                    await(sleep(1));
                    return "b";
                });
                log.add("block ends@" + loop.time());
            }
            log.add("group closed@" + loop.time());
            assertEquals("a", a.result());
            assertEquals("b", b.result());
        });
        assertEquals(List.of("block ends@0.0", "group closed@2.0"), log);
    }

    @BothSchedulers
    void aFailingTaskCancelsItsSiblingsAndTheErrorsAggregate(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            var group = assertThrows(ExceptionGroup.class, () -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(() -> {
                        try {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            log.add("sibling cancelled@" + loop.time());
                            throw e;
                        }
                    });
                    tg.createTask(() -> {
                        await(sleep(1));
                        throw new IllegalStateException("first");
                    });
                    tg.createTask(() -> {
                        try {
                            await(sleep(10));
                        } finally {
                            // Fails while being cancelled: its error joins the group too.
                            throw new IllegalArgumentException("second, during cancellation");
                        }
                    });
                    await(sleep(100));
                    log.add("not reached");
                }
            });
            log.add("group raised@" + loop.time());
            assertEquals(2, group.exceptions().size());
            assertEquals("first", group.exceptions().get(0).getMessage());
            assertEquals(
                    "second, during cancellation", group.exceptions().get(1).getMessage());
            assertTrue(group.getMessage().contains("2 sub-exceptions"), group.getMessage());
            assertEquals(0, currentTask().cancelling(), "the group withdrew its cancellation of its owner");
        });
        assertEquals(List.of("sibling cancelled@1.0", "group raised@1.0"), log);
    }

    @BothSchedulers
    void aFailureWhileTheOwnerWaitsInCloseIsThrownByClose(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var group = assertThrows(ExceptionGroup.class, () -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(() -> {
                        await(sleep(1));
                        throw new IllegalStateException("late failure");
                    });
                    tg.createTask(sleep(5));
                }
            });
            assertEquals(1, group.exceptions().size());
            assertEquals(1.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void cancellingTheOwnerCancelsTheGroupAndPropagatesCancelledError(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<Void> owner = createTask(() -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(() -> {
                        try {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            log.add("child cancelled@" + loop.time());
                            throw e;
                        }
                    });
                    await(sleep(10));
                }
            });
            await(sleep(1));
            owner.cancel();
            assertThrows(CancelledError.class, () -> await(owner));
            assertTrue(owner.isCancelled());
        });
        assertEquals(List.of("child cancelled@1.0"), log);
    }

    @BothSchedulers
    void aFinishedGroupRefusesNewTasks(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            TaskGroup group;
            try (var tg = new TaskGroup()) {
                group = tg;
            }
            var e = assertThrows(IllegalStateException.class, () -> group.createTask(sleep(1)));
            assertTrue(e.getMessage().contains("finished"));
        });
    }

    @BothSchedulers
    void aTimeoutAroundAGroupCancelsItsTasksWaitsForThemAndRaisesTimeoutError(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    try (var tg = new TaskGroup()) {
                        for (String name : List.of("a", "b")) {
                            tg.createTask(() -> {
                                try {
                                    await(sleep(10));
                                } finally {
                                    await(sleep(0.5)); // cleanup that awaits
                                    log.add(name + " cleaned up@" + loop.time());
                                }
                            });
                        }
                    }
                }
            });
            log.add("TimeoutError@" + loop.time());
            assertEquals(0, currentTask().cancelling());
        });
        assertEquals(List.of("a cleaned up@1.5", "b cleaned up@1.5", "TimeoutError@1.5"), log);
    }

    @BothSchedulers
    void aTimeoutInsideTheBlockOfAGroupIsTheBlocksOwnBusiness(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<String> child;
            try (var tg = new TaskGroup()) {
                child = tg.createTask(sleep(3, "child"));
                try (var t = timeout(1)) {
                    await(sleep(10));
                } catch (TimeoutError e) {
                    // handled inside the block: the group's tasks go on
                }
            }
            assertEquals("child", child.result());
            assertEquals(3.0, getRunningLoop().time());
        });
    }
}
