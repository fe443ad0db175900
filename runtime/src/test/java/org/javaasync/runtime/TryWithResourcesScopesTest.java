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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the try-with-resources forms of {@link Timeout} and {@link TaskGroup} guarantee where Java's try-with-resources
 * cannot show {@code close()} the block's exception: no deadline is lost, no scope claims another's, a group's failures
 * are never lost, and what they cannot do is exactly what their Javadoc says.
 */
class TryWithResourcesScopesTest {

    @BothSchedulers
    void aCatchMeantForAnInnerScopeDoesNotLoseTheOuterDeadline(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            var e = assertThrows(TimeoutError.class, () -> {
                try (var outer = timeout(1)) {
                    try (var inner = timeout(5)) {
                        await(sleep(10));
                    } catch (TimeoutError meantForInner) {
                        log.add("caught at " + loop.time());
                    }
                    await(sleep(10)); // the outer deadline has passed: interrupted at once
                    log.add("not reached");
                }
            });
            log.add("outer timed out at " + loop.time());
            assertInstanceOf(CancelledError.class, e.getCause());
            assertEquals(0, currentTask().cancelling());
        });
        assertEquals(List.of("caught at 1.0", "outer timed out at 1.0"), log);
    }

    @BothSchedulers
    void anInnerScopeNeverClaimsTheOuterDeadline(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Timeout[] scopes = new Timeout[2];
            assertThrows(TimeoutError.class, () -> {
                try (var outer = timeout(1)) {
                    scopes[0] = outer;
                    try (var inner = timeout(5)) {
                        scopes[1] = inner;
                        await(sleep(10));
                    }
                }
            });
            assertTrue(scopes[0].expired());
            assertFalse(scopes[1].expired());
            assertEquals(1.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void anInnerWaitForLetsTheOuterTimeoutErrorThroughUntouched(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            TimeoutError[] seenInside = new TimeoutError[1];
            var e = assertThrows(TimeoutError.class, () -> {
                try (var outer = timeout(1)) {
                    try {
                        await(waitFor(sleep(10), 5.0));
                    } catch (TimeoutError fromWaitFor) {
                        seenInside[0] = fromWaitFor;
                        throw fromWaitFor;
                    }
                }
            });
            assertSame(seenInside[0], e, "waitFor did not wrap or replace the outer scope's error");
            assertEquals(1.0, getRunningLoop().time());
        });
    }

    @BothSchedulers
    void aBlockThatCatchesItsTimeoutErrorAndAwaitsAgainIsInterruptedAgain(EventLoop.Scheduler scheduler) {
        List<String> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    EventLoop loop = getRunningLoop();
                    Timeout[] scope = new Timeout[1];
                    assertThrows(TimeoutError.class, () -> {
                        try (var t = timeout(1)) {
                            scope[0] = t;
                            try {
                                await(sleep(10));
                            } catch (TimeoutError swallowed) {
                                // went on as if nothing happened
                            }
                            await(sleep(10));
                        }
                    });
                    assertEquals(1.0, loop.time());
                    assertTrue(scope[0].interruptedAgainAfterDeadline());
                }),
                TestLoops.virtualTime(scheduler, reports::add));
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).contains("interrupted an await again"), reports.get(0));
    }

    @BothSchedulers
    void aBlockThatCatchesItsTimeoutErrorAndEndsWithoutAwaitingEndsNormally(EventLoop.Scheduler scheduler) {
        // The documented limit: a fallback computed without awaiting is the block's result.
        TestLoops.run(scheduler, () -> {
            String result;
            try (var t = timeout(1)) {
                try {
                    result = await(sleep(10, "data"));
                } catch (TimeoutError e) {
                    result = "fallback";
                }
            }
            assertEquals("fallback", result);
            assertEquals(0, currentTask().cancelling());
            await(sleep(1));
            assertEquals(2.0, getRunningLoop().time(), "the task goes on, not cancelled");
        });
    }

    @BothSchedulers
    void aFinallyBlockInsideAnExpiredScopeCannotAwait(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    try {
                        await(sleep(10));
                    } finally {
                        log.add("cleanup starts");
                        await(sleep(1)); // interrupted: use the exact form for cleanup that awaits
                        log.add("not reached");
                    }
                }
            });
            assertEquals(1.0, getRunningLoop().time());
        });
        assertEquals(List.of("cleanup starts"), log);
    }

    @BothSchedulers
    void anAsyncResourceInsideAnExpiredScopeStillTearsDownWithAwaits(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    try (var conn = await(AsyncResource.open(sleep(0, "conn"), c -> {
                        await(sleep(0.5));
                        log.add("closed " + c + " at " + loop.time());
                    }))) {
                        await(sleep(10));
                    }
                }
            });
        });
        assertEquals(List.of("closed conn at 1.5"), log);
    }

    @BothSchedulers
    void aGroupInsideAnExpiredScopeJoinsItsTasksAndItsFailuresAreNotHidden(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            var e = assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    try (var tg = new TaskGroup()) {
                        tg.createTask(() -> {
                            try {
                                await(sleep(10));
                            } finally {
                                await(sleep(0.5)); // a task's cleanup awaits as usual
                                log.add("child cleaned up at " + loop.time());
                                throw new ArithmeticException("crash in cleanup");
                            }
                        });
                        await(sleep(10));
                    }
                }
            });
            // Java's try-with-resources keeps the TimeoutError in flight; the group's failures ride on it.
            ExceptionGroup group = Arrays.stream(e.getSuppressed())
                    .filter(ExceptionGroup.class::isInstance)
                    .map(ExceptionGroup.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertInstanceOf(ArithmeticException.class, group.exceptions().get(0));
            assertEquals(0, currentTask().cancelling());
        });
        assertEquals(List.of("child cleaned up at 1.5"), log);
    }

    @BothSchedulers
    void anExactGroupInsideATryWithResourcesTimeoutPassesItsTimeoutErrorOn(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(1)) {
                    await(taskGroup(tg -> {
                        tg.createTask(() -> {
                            try {
                                await(sleep(10));
                            } catch (CancelledError c) {
                                log.add("child cancelled");
                                throw c;
                            }
                        });
                        await(sleep(10));
                    }));
                }
            });
            assertInstanceOf(CancelledError.class, e.getCause());
            assertEquals(1.0, getRunningLoop().time());
        });
        assertEquals(List.of("child cancelled"), log);
    }

    @BothSchedulers
    void aTimeoutEnteredAfterAnUncancelledCancellationRaisesTimeoutError(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(() -> {
                try {
                    currentTask().cancel();
                    await(sleep(1));
                } catch (CancelledError e) {
                    // caught, not uncancelled: cancelling() is 1 when the scope is entered
                }
                assertThrows(TimeoutError.class, () -> {
                    try (var t = timeout(0)) {
                        await(sleep(1));
                    }
                });
                assertEquals(1, currentTask().cancelling());
            });
            await(task);
        });
    }

    @BothSchedulers
    void aGroupFailureAndAnOutsideCancellationAreBothKept(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            Task<Void> owner = createTask(() -> {
                try {
                    try (var tg = new TaskGroup()) {
                        tg.createTask(() -> {
                            await(sleep(1));
                            throw new IllegalStateException("child failed");
                        });
                        tg.createTask(() -> {
                            try {
                                await(sleep(10));
                            } finally {
                                await(sleep(1)); // keeps the group joining until 2.0
                            }
                        });
                        await(sleep(10));
                    }
                } catch (ExceptionGroup e) {
                    log.add(e.exceptions().get(0).getMessage() + " at " + loop.time());
                    log.add("cancelling " + currentTask().cancelling());
                }
                await(sleep(1)); // the outside cancellation is still pending
                log.add("not reached");
            });
            loop.callLater(1.5, () -> owner.cancel("outside"));
            var e = assertThrows(CancelledError.class, () -> await(owner));
            assertEquals("outside", e.getMessage());
        });
        assertEquals(List.of("child failed at 2.0", "cancelling 1"), log);
    }

    @BothSchedulers
    void aGroupsBlockThatThrowsDoesNotCancelItsTasks(EventLoop.Scheduler scheduler) {
        // The documented limit of the try-with-resources form: close() cannot know the block threw.
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            assertThrows(IllegalArgumentException.class, () -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(() -> {
                        await(sleep(2));
                        log.add("task finished at " + loop.time());
                    });
                    throw new IllegalArgumentException("block failed");
                }
            });
        });
        assertEquals(List.of("task finished at 2.0"), log);
    }

    @BothSchedulers
    void closeAfterGivesAToolPythonsExitOfAGroup(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            TaskGroup tg = new TaskGroup();
            tg.createTask(() -> {
                try {
                    await(sleep(2));
                } catch (CancelledError e) {
                    log.add("task cancelled at " + loop.time());
                    throw e;
                }
            });
            await(sleep(0));
            IllegalArgumentException blockFailure = new IllegalArgumentException("block failed");
            Throwable out = tg.closeAfter(blockFailure);
            ExceptionGroup group = assertInstanceOf(ExceptionGroup.class, out);
            assertEquals(List.of(blockFailure), group.exceptions());
            assertThrows(IllegalStateException.class, tg::close, "left once");
        });
        assertEquals(List.of("task cancelled at 0.0"), log);
    }

    @BothSchedulers
    void closeAfterGivesAToolPythonsExitOfATimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Timeout t = timeout(1);
            CancelledError interrupted = null;
            try {
                await(sleep(10));
            } catch (TimeoutError e) {
                interrupted = (CancelledError) e.getCause();
            }
            Throwable out = t.closeAfter(interrupted);
            assertInstanceOf(TimeoutError.class, out);
            assertSame(interrupted, out.getCause());
            assertEquals(0, currentTask().cancelling());
            Timeout untouched = timeout(1);
            IllegalStateException other = new IllegalStateException();
            assertSame(other, untouched.closeAfter(other));
            assertNull(timeout(1).closeAfter(null));
        });
    }

    @BothSchedulers
    void theExactFormsClaimNothingOfAnotherScopeWhenNested(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            // exact outer, try-with-resources inner: the outer deadline arrives as CancelledError in the inner block
            List<String> seen = new ArrayList<>();
            assertThrows(
                    TimeoutError.class,
                    () -> await(timeout(1.0, () -> {
                        try (var inner = timeout(5)) {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            seen.add("inner block saw CancelledError");
                            throw e;
                        } catch (TimeoutError e) {
                            seen.add("not the inner scope's");
                        }
                    })));
            assertEquals(List.of("inner block saw CancelledError"), seen);
        });
    }
}
