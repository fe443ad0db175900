package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link CollectionReports}: coroutines never awaited and failures never retrieved are reported when the collector
 * frees them — at once, on the caller's thread, by {@code reportCollected()} after a collection — through the
 * exception handler, in the context of the object concerned; never while the object is referenced; once. Not
 * CPython's tests: Python reports at deallocation, which reference counting makes immediate.
 */
class CollectionReportsTest {

    private static final ContextVar<String> ORIGIN = new ContextVar<>("origin", null);
    private static final IllegalStateException BOOM = new IllegalStateException("boom");

    /** A report as the handler saw it, with the value of {@link #ORIGIN} in the context it ran in. */
    record Seen(Map<String, Object> report, String origin) {}

    private static EventLoop watchingLoop(EventLoop.Scheduler scheduler, List<Seen> seen) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        loop.collectionReports().watchUnawaitedCoroutines(true);
        loop.setExceptionHandler((l, report) -> seen.add(new Seen(report, ORIGIN.get())));
        return loop;
    }

    /**
     * Collects, then has what was freed reported before going on, as a kernel does at the end of a cell. (The
     * runtime's reporting thread may make some of those reports itself; either way they are made when this returns.)
     */
    private static void collectAndReport(EventLoop loop) {
        System.gc();
        loop.collectionReports().reportCollected();
    }

    private static Coroutine<String> fetch() {
        return async("fetch", () -> "data");
    }

    @BothSchedulers
    void aCoroutineNeverAwaitedIsReportedOutsideDebugModeInTheContextItWasCreatedIn(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    ORIGIN.set("cell 3");
                    fetch(); // forgot await
                    await(sleep(1));
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        Seen report = seen.getFirst();
        assertEquals("coroutine 'fetch' was never awaited", report.report().get("message"));
        assertEquals("<coroutine fetch>", report.report().get("coroutine"));
        assertNull(report.report().get("source_traceback"), "creation stacks are debug mode's");
        assertEquals("cell 3", report.origin());
    }

    @BothSchedulers
    void anUnnamedCoroutineIsReportedUnderItsBodysName(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    async(() -> 1);
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(
                "coroutine '<lambda in CollectionReportsTest>' was never awaited",
                seen.getFirst().report().get("message"));
    }

    @BothSchedulers
    void coroutinesAwaitedOrWrappedInATaskAreNotReported(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    await(fetch());
                    await(createTask(fetch()));
                    Coroutine<String> later = fetch();
                    await(sleep(1));
                    await(later);
                }),
                loop);

        collectAndReport(loop);
        assertEquals(0, seen.size(), seen.toString());
        assertEquals(List.of(), seen);
    }

    @BothSchedulers
    void aCoroutineStillReferencedIsNotReportedUntilItIsFreed(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        List<Coroutine<String>> held = new ArrayList<>();
        Asyncio.run(
                async(() -> {
                    held.add(fetch());
                }),
                loop);

        collectAndReport(loop);
        assertEquals(List.of(), seen, "a session that holds it may still await it");
        assertEquals(1, loop.collectionReports().pending(context -> true));
        Reference.reachabilityFence(held);
        held.clear();
        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(0, loop.collectionReports().pending(context -> true));
        assertEquals(
                "coroutine 'fetch' was never awaited", seen.getFirst().report().get("message"));
    }

    @BothSchedulers
    void pendingCountsTheUnsettledWatchesOfTheContextsAsked(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        List<Object> held = new ArrayList<>();
        Asyncio.run(
                async(() -> {
                    ORIGIN.set("a");
                    held.add(fetch());
                    held.add(fetch());
                    Coroutine<String> awaited = fetch();
                    held.add(createTask(
                            () -> {
                                ORIGIN.set("b");
                                held.add(fetch());
                                throw BOOM;
                            },
                            "failing"));
                    await(sleep(1));
                    await(awaited);
                }),
                loop);

        CollectionReports reports = loop.collectionReports();
        assertEquals(2, reports.pending(c -> "a".equals(c.get(ORIGIN, null))), "two coroutines of a, one awaited");
        assertEquals(2, reports.pending(c -> "b".equals(c.get(ORIGIN, null))), "a coroutine and a failure of b");
        collectAndReport(loop);
        assertEquals(0, seen.size(), seen.toString());
        Reference.reachabilityFence(held);
    }

    @BothSchedulers
    void aTaskExceptionNeverRetrievedIsReportedWithTheTaskInItsContext(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    ORIGIN.set("cell 4");
                    createTask(
                            () -> {
                                throw BOOM;
                            },
                            "forgotten");
                    await(sleep(1));
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        Map<String, Object> report = seen.getFirst().report();
        assertEquals("Task exception was never retrieved", report.get("message"));
        assertSame(BOOM, report.get("exception"));
        assertEquals("forgotten", report.get("task_name"));
        assertInstanceOf(String.class, report.get("future"), "the task is gone: its description");
        assertTrue(((String) report.get("future")).contains("name='forgotten'"), report.toString());
        assertEquals("cell 4", seen.getFirst().origin());
    }

    @BothSchedulers
    void aFailedTaskHeldInAVariableIsNotReportedAndCanStillBeAwaited(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    Task<Void> task = createTask(() -> {
                        throw BOOM;
                    });
                    await(sleep(1));
                    collectAndReport(getRunningLoop());
                    assertEquals(List.of(), seen, "held by a local: not reported");
                    assertEquals(1, getRunningLoop().collectionReports().pending(c -> true));
                    try {
                        await(task);
                    } catch (IllegalStateException expected) {
                        assertSame(BOOM, expected);
                    }
                    assertEquals(0, getRunningLoop().collectionReports().pending(c -> true), "retrieved: settled");
                }),
                loop);
        collectAndReport(loop);
        assertEquals(0, seen.size(), seen.toString());
        assertEquals(List.of(), seen);
    }

    @BothSchedulers
    void aTaskThatFailedWithItsOwnScopesErrorIsStillFreedAndReported(EventLoop.Scheduler scheduler) {
        // The errors a scope makes remember the scope; the scope must not keep its task alive through them.
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    createTask(() -> await(waitFor(sleep(10), 0.3)), "timed-out");
                    createTask(
                            () -> {
                                try (var t = timeout(0.3)) {
                                    await(sleep(10));
                                }
                            },
                            "scoped");
                    createTask(
                            () -> {
                                try (var tg = new TaskGroup()) {
                                    tg.createTask(() -> {
                                        throw BOOM;
                                    });
                                    await(sleep(10));
                                }
                            },
                            "grouped");
                    await(sleep(1));
                }),
                loop);

        collectAndReport(loop);
        assertEquals(
                List.of("grouped", "timed-out", "scoped"),
                seen.stream().map(s -> s.report().get("task_name")).toList(),
                "in the order they failed");
        assertInstanceOf(ExceptionGroup.class, seen.get(0).report().get("exception"));
        assertInstanceOf(TimeoutError.class, seen.get(1).report().get("exception"));
        assertInstanceOf(TimeoutError.class, seen.get(2).report().get("exception"));
    }

    @BothSchedulers
    void aFutureExceptionIsReportedInTheContextCurrentWhenItWasSet(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    ORIGIN.set("setter");
                    AsyncFuture<String> future = getRunningLoop().createFuture();
                    future.setException(BOOM);
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(
                "Future exception was never retrieved", seen.getFirst().report().get("message"));
        assertEquals("setter", seen.getFirst().origin());
    }

    @BothSchedulers
    void eachObjectIsReportedOnce(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = watchingLoop(scheduler, seen);
        Asyncio.run(
                async(() -> {
                    fetch();
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        collectAndReport(loop);
        assertEquals(1, seen.size(), "the reporting thread does not report it again: " + seen);
    }

    @BothSchedulers
    void withoutTheWatchCoroutinesAreNotWatchedOutsideDebugMode(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        loop.setExceptionHandler((l, report) -> seen.add(new Seen(report, null)));
        assertFalse(loop.collectionReports().watchesUnawaitedCoroutines());
        Asyncio.run(
                async(() -> {
                    fetch();
                }),
                loop);

        collectAndReport(loop);
        assertEquals(0, seen.size(), seen.toString());
        assertEquals(List.of(), seen);
    }

    @BothSchedulers
    void debugModeReportsWhereTheCoroutineWasCreated(EventLoop.Scheduler scheduler) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        loop.setDebug(true);
        loop.setExceptionHandler((l, report) -> seen.add(new Seen(report, null)));
        Asyncio.run(
                async(() -> {
                    fetch();
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, seen.size(), seen.toString());
        StackTraceElement[] createdAt =
                (StackTraceElement[]) seen.getFirst().report().get("source_traceback");
        assertEquals("fetch", createdAt[0].getMethodName());
        assertEquals(CollectionReportsTest.class.getName(), createdAt[0].getClassName());
    }

    @BothSchedulers
    void theDefaultHandlerWritesWhereTheCoroutineWasCreated(EventLoop.Scheduler scheduler) {
        List<String> texts = new CopyOnWriteArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler, texts::add);
        loop.setDebug(true);
        Asyncio.run(
                async(() -> {
                    fetch();
                }),
                loop);

        collectAndReport(loop);
        assertEquals(1, texts.size(), texts.toString());
        String[] lines = texts.getFirst().split("\n");
        assertArrayEquals(
                new String[] {
                    "coroutine 'fetch' was never awaited",
                    "coroutine: <coroutine fetch>",
                    "Object created at (most recent call first):"
                },
                new String[] {lines[0], lines[1], lines[2]});
        assertTrue(lines[3].startsWith("\tat " + CollectionReportsTest.class.getName() + ".fetch("), lines[3]);
    }
}
