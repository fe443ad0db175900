package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

class DebugModeTest {

    private static EventLoop debugLoop(EventLoop.Scheduler scheduler, List<String> reports) {
        return EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .debug(true)
                .reporter(reports::add)
                .slowCallbackDuration(Duration.ofMillis(20))
                .build();
    }

    /** Collects garbage until a report arrives; the Cleaner thread delivers it asynchronously. */
    private static String awaitReport(List<String> reports, Predicate<String> wanted) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (String r : reports) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            System.gc();
            Thread.sleep(10);
        }
        throw new AssertionError("no matching report; got " + reports);
    }

    @BothSchedulers
    void aSlowTaskStepIsReportedWithTheTaskNameAndTheStackOfTheSlowCode(EventLoop.Scheduler scheduler) {
        List<String> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    Task<Void> cruncher = createTask(
                            () -> {
                                long end = System.nanoTime()
                                        + Duration.ofMillis(200).toNanos();
                                while (System.nanoTime() < end) {
                                    Thread.onSpinWait(); // CPU-bound work that never awaits
                                }
                                await(sleep(1));
                            },
                            "cruncher");
                    await(cruncher);
                }),
                debugLoop(scheduler, reports));
        // Other steps may be reported too on a loaded machine; the cruncher's must be.
        String report = reports.stream()
                .filter(r -> r.startsWith("Executing <Task cruncher>"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no slow-callback report for cruncher in " + reports));
        String expected = "(?s)Executing <Task cruncher> took \\d+\\.\\d{3} seconds: it blocked the event loop.*";
        assertTrue(report.matches(expected), report);
        assertTrue(report.contains("while it was running, it was at:"), report);
        assertTrue(
                report.contains("lambda$aSlowTaskStepIsReportedWithTheTaskNameAndTheStackOfTheSlowCode"),
                "the sampled stack shows the CPU-bound code itself: " + report);
    }

    @BothSchedulers
    void stepsUnderTheThresholdAreNotReported(EventLoop.Scheduler scheduler) {
        List<String> reports = new CopyOnWriteArrayList<>();
        // A generous threshold: on a loaded machine even a trivial first step can take tens of milliseconds.
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .debug(true)
                .reporter(reports::add)
                .slowCallbackDuration(Duration.ofSeconds(5))
                .build();
        Asyncio.run(
                async(() -> {
                    await(sleep(1));
                }),
                loop);
        assertEquals(List.of(), reports);
    }

    private static final ContextVar<String> OWNER = new ContextVar<>("owner", null);

    @BothSchedulers
    void aSlowStepIsReportedInTheContextOfItsTask(EventLoop.Scheduler scheduler) {
        List<String> owners = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .debug(true)
                .reporter(text -> {
                    if (text.startsWith("Executing <Task cruncher>")) {
                        owners.add(OWNER.get());
                    }
                })
                .slowCallbackDuration(Duration.ofMillis(20))
                .build();
        Asyncio.run(
                async(() -> {
                    OWNER.set("cell 7"); // the cruncher inherits it, as a kernel's tasks inherit their cell
                    await(createTask(
                            () -> {
                                spin(Duration.ofMillis(200)); // ten times the threshold: always reported
                                await(sleep(1));
                            },
                            "cruncher"));
                    OWNER.set("main");
                }),
                loop);
        assertEquals(List.of("cell 7"), owners, "a reporter finds what the task belongs to in its context");
    }

    private static Coroutine<String> fetchData() {
        return async(() -> "data");
    }

    @BothSchedulers
    void aCoroutineThatIsNeverAwaitedIsReportedWithItsName(EventLoop.Scheduler scheduler) throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    sleep(1); // forgot await: a no-op, as in Python
                    fetchData();
                    assertEquals("fetchData", fetchData().getName(), "debug mode names coroutines after their method");
                }),
                debugLoop(scheduler, reports));
        String report = awaitReport(reports, r -> r.startsWith("coroutine 'sleep' was never awaited"));
        assertTrue(report.contains("DebugModeTest"), "says where it was created: " + report);
        awaitReport(reports, r -> r.startsWith("coroutine 'fetchData' was never awaited"));
    }

    @BothSchedulers
    void aTaskExceptionThatIsNeverRetrievedIsReported(EventLoop.Scheduler scheduler) throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    createTask(
                            () -> {
                                throw new IllegalStateException("nobody looks at me");
                            },
                            "forgotten");
                    await(sleep(1));
                }),
                debugLoop(scheduler, reports));
        String report = awaitReport(reports, r -> r.startsWith("Task exception was never retrieved"));
        assertTrue(report.contains("forgotten"), report);
        assertTrue(report.contains("nobody looks at me"), report);
    }

    @BothSchedulers
    void aRetrievedExceptionIsNotReported(EventLoop.Scheduler scheduler) throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        Asyncio.run(
                async(() -> {
                    Task<Void> t = createTask(() -> {
                        throw new IllegalStateException("looked at");
                    });
                    await(sleep(1));
                    t.exception();
                    sleep(0); // a marker that is reported, so the test knows the Cleaner has run
                }),
                debugLoop(scheduler, reports));
        awaitReport(reports, r -> r.startsWith("coroutine 'sleep' was never awaited"));
        assertFalse(reports.stream().anyMatch(r -> r.contains("looked at")), reports.toString());
    }

    @BothSchedulers
    void setDebugTurnsDebugModeOnAndOff(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        assertFalse(loop.isDebug());
        loop.setDebug(true);
        assertTrue(loop.isDebug());
        loop.close();
    }

    @BothSchedulers
    void timeATaskExcludesFromItsStepIsNotReportedAsSlow(EventLoop.Scheduler scheduler) {
        List<String> reports = new CopyOnWriteArrayList<>();
        // Wall-clock work against a threshold: the margins are wide (the excluded work is three times the threshold,
        // the rest of that step microseconds) so that a loaded machine, which stretches every step, cannot tip them.
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .debug(true)
                .reporter(reports::add)
                .slowCallbackDuration(Duration.ofMillis(500))
                .build();
        Asyncio.run(
                async(() -> {
                    Task<Void> tool = createTask(
                            () -> {
                                long start = System.nanoTime();
                                spin(Duration.ofMillis(1500)); // a tool's own work, e.g. the kernel compiling a cell
                                getRunningLoop().excludeFromStep(System.nanoTime() - start);
                                await(sleep(1));
                            },
                            "tool");
                    Task<Void> user = createTask(
                            () -> {
                                spin(Duration.ofMillis(600)); // the user's own CPU-bound work
                                await(sleep(1));
                            },
                            "user");
                    await(tool);
                    await(user);
                }),
                loop);
        assertTrue(reports.stream().noneMatch(r -> r.contains("<Task tool>")), "excluded time reported: " + reports);
        assertTrue(
                reports.stream().anyMatch(r -> r.startsWith("Executing <Task user> took ")), "user work: " + reports);
    }

    private static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
