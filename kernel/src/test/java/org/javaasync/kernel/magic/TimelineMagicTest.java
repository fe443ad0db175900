package org.javaasync.kernel.magic;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.TimelineSvg;
import org.javaasync.kernel.display.TimelineSvg.Activity;
import org.javaasync.kernel.display.TimelineSvg.Ending;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.loop.ComputingClock;
import org.javaasync.kernel.loop.KernelLoop;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.Test;

/** {@code %%timeline}: the rows it draws, in virtual time, and the magic itself on a real kernel loop. */
class TimelineMagicTest {

    /** The clock of the timeline being recorded: bodies call {@code clock.compute(s)} to hold the loop s seconds. */
    private ComputingClock clock;

    /** The registry recording it. */
    private TaskRegistry<String> registry;

    /** Runs {@code body} as task "cell" on a virtual-time loop and snapshots its tasks as the magic does. */
    private TimelineMagic.Snapshot timelineOf(AsyncRunnable body, double stopAt) {
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
        clock = new ComputingClock(loop);
        registry = new TaskRegistry<>(clock, String.class, () -> "cell 1", cell -> true);
        List<TaskRegistry.Entry<String>> finished = new CopyOnWriteArrayList<>();
        registry.onDone(finished::add);
        loop.setTaskObserver(registry);
        loop.createTask(async(body), "cell");
        loop.runUntilComplete(loop.createTask(
                async(() -> {
                    await(sleep(stopAt));
                }),
                "clock"));
        finished.removeIf(e -> e.task().getName().equals("clock"));
        List<TaskRegistry.Entry<String>> live = registry.live("cell 1").stream()
                .filter(e -> !e.task().getName().equals("clock"))
                .toList();
        TimelineMagic.Snapshot snapshot = TimelineMagic.snapshot(finished, live, 0, clock.getAsDouble());
        live.forEach(e -> e.task().cancel());
        loop.runUntilComplete(loop.createTask(sleep(0)));
        loop.close();
        return snapshot;
    }

    private static double running(TimelineSvg.Row row) {
        return row.segments().stream()
                .filter(s -> s.activity() == Activity.RUNNING)
                .mapToDouble(s -> s.end() - s.start())
                .sum();
    }

    @Test
    void threeSequentialTwoSecondStepsSpanSixSecondsInOneRow() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    for (int i = 0; i < 3; i++) await(sleep(2));
                },
                10);
        assertEquals(1, t.rows().size());
        assertEquals(6.0, t.end() - t.start());
        TimelineSvg.Row cell = t.rows().getFirst();
        assertEquals(Ending.DONE, cell.ending());
        assertEquals(0.0, running(cell)); // virtual time: the steps take no time, the waits take it all
        assertEquals(6.0, cell.segments().getLast().end());
    }

    @Test
    void threeConcurrentTwoSecondTasksSpanTwoSecondsInFourRows() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    await(gather(sleep(2), sleep(2), sleep(2)));
                },
                10);
        assertEquals(4, t.rows().size());
        assertEquals(2.0, t.end() - t.start());
        for (TimelineSvg.Row row : t.rows()) {
            assertEquals(Ending.DONE, row.ending(), row.name());
            assertEquals(2.0, row.segments().getLast().end(), row.name());
        }
    }

    @Test
    void everyTaskTheCellCreatedIndirectlyHasARowWithHowItEnded() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    createTask(
                            async(() -> {
                                createTask(
                                        async(() -> {
                                            await(sleep(1));
                                            throw new IllegalStateException("boom");
                                        }),
                                        "grandchild");
                                Task<Void> doomed = createTask(sleep(5), "doomed");
                                await(sleep(0.5));
                                doomed.cancel();
                            }),
                            "child");
                    createTask(sleep(30), "slow");
                    await(sleep(1));
                },
                3);
        List<String> rows =
                t.rows().stream().map(r -> r.name() + " " + r.ending()).toList();
        assertEquals(List.of("cell DONE", "child DONE", "slow PENDING", "grandchild FAILED", "doomed CANCELLED"), rows);
        assertEquals(3.0, t.end()); // a pending task stretches the picture to now
    }

    @Test
    void aTaskThatHoldsTheLoopForOneSecondIsDrawnRunningForThatSecondWhileTheTickerWaits() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    await(gather(
                            createTask(
                                    async(() -> {
                                        for (int i = 0; i < 5; i++) await(sleep(0.2));
                                    }),
                                    "ticker"),
                            createTask(async(() -> clock.compute(1.0)), "cpu-work")));
                },
                10);
        assertEquals(
                List.of("cell", "ticker", "cpu-work"),
                t.rows().stream().map(TimelineSvg.Row::name).toList());
        TimelineSvg.Row cpu = t.rows().get(2);
        assertEquals(
                List.of(new TimelineSvg.Segment(0, 1, Activity.RUNNING)),
                cpu.segments().stream()
                        .filter(s -> s.activity() == Activity.RUNNING)
                        .toList());
        assertEquals(1.0, cpu.runningSeconds(), 1e-9);
        TimelineSvg.Row ticker = t.rows().get(1);
        assertTrue(
                ticker.segments().stream()
                        .anyMatch(s -> s.activity() == Activity.WAITING && s.start() <= 0 && s.end() >= 1.0),
                "the ticker waits through the second the loop is held: " + ticker.segments());
        String text = (String)
                TimelineMagic.bundle("t", t.rows(), t.start(), t.end()).data().get("text/plain");
        assertTrue(
                text.lines().anyMatch(l -> l.matches("\\s+cpu-work\\s+0\\.000–1\\.000 s\\s+running 1\\.000 s\\s+done")),
                text);
    }

    @Test
    void theCellsRowAndThePictureStartWhereTheCellsOwnCodeFirstRanNotWhenJShellStartedCompilingIt() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    clock.compute(1.2); // JShell compiling the cell's first statement, inside the cell's task
                    registry.kernelWork(currentTask(), 1.2);
                    await(gather(sleep(2), sleep(1)));
                },
                10);
        assertEquals(1.2, t.start(), 1e-9);
        assertEquals(2.0, t.end() - t.start(), 1e-9); // the lesson's point: the longest task sets the total
        TimelineSvg.Row cell = t.rows().getFirst();
        assertEquals(1.2, cell.segments().getFirst().start(), 1e-9);
        assertEquals(0.0, cell.runningSeconds(), 1e-9);
    }

    @Test
    void theBundleShowsTheSvgAsAnImageForFrontendsThatStripInlineSvg() {
        TimelineMagic.Snapshot t = timelineOf(
                () -> {
                    await(gather(sleep(1), sleep(2)));
                },
                5);
        MimeBundle bundle = TimelineMagic.bundle("two sleeps", t.rows(), t.start(), t.end());
        assertEquals(
                Set.of("text/html", "image/svg+xml", "text/plain"),
                bundle.data().keySet());
        String html = (String) bundle.data().get("text/html");
        Matcher img = Pattern.compile("<img src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\""
                        + " width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]*)\">")
                .matcher(html);
        assertTrue(img.matches(), html);
        assertEquals(
                bundle.data().get("image/svg+xml"),
                new String(Base64.getDecoder().decode(img.group(1)), StandardCharsets.UTF_8));
        assertTrue(img.group(4).startsWith("two sleeps (2.000 s):"), img.group(4));
    }

    @Test
    void segmentsAlternateWaitingAndRunningFromCreationToTheEnd() {
        List<TimelineSvg.Segment> s =
                TimelineMagic.segments(1.0, List.of(new double[] {1.5, 2.0}, new double[] {3.0, 3.0}), 4.0);
        assertEquals(
                List.of(
                        new TimelineSvg.Segment(1.0, 1.5, Activity.WAITING),
                        new TimelineSvg.Segment(1.5, 2.0, Activity.RUNNING),
                        new TimelineSvg.Segment(2.0, 3.0, Activity.WAITING),
                        new TimelineSvg.Segment(3.0, 3.0, Activity.RUNNING),
                        new TimelineSvg.Segment(3.0, 4.0, Activity.WAITING)),
                s);
    }

    @Test
    void theMagicRunsTheCellAndDisplaysItsTasksAsSvgWithATextFallback() throws Exception {
        try (KernelLoop kernelLoop = KernelLoop.start()) {
            TimelineMagic<String> timeline = new TimelineMagic<>(kernelLoop, () -> "cell 7");
            TaskRegistry<String> registry =
                    new TaskRegistry<>(kernelLoop.loop(), String.class, () -> "cell 7", timeline::records);
            timeline.watch(registry);
            kernelLoop.loop().setTaskObserver(registry);
            RecordingOutput output = new RecordingOutput();
            EvalOutcome outcome = timeline.run(
                    new MagicCall("timeline", "sync vs async", true, 0),
                    new MagicSession(null, CellRun.of(1), output),
                    () -> {
                        CompletableFuture<Object> done = new CompletableFuture<>();
                        kernelLoop.call(
                                () -> {
                                    kernelLoop
                                            .loop()
                                            .createTask(
                                                    async(() -> {
                                                        await(gather(sleep(0.05), sleep(0.05)));
                                                        return "ok";
                                                    }),
                                                    "cell[7]")
                                            .addDoneCallback(t -> done.complete(t.result()));
                                    return null;
                                },
                                Duration.ofSeconds(5));
                        return new EvalOutcome.Value(done.join());
                    });
            assertEquals(
                    "ok", assertInstanceOf(EvalOutcome.Value.class, outcome).value());
            assertEquals(1, output.displays.size());
            MimeBundle bundle = output.displays.getFirst();
            String svg = (String) bundle.data().get("image/svg+xml");
            assertTrue(svg.startsWith("<svg") && svg.contains("sync vs async") && svg.contains("cell[7]"), svg);
            String text = (String) bundle.data().get("text/plain");
            assertEquals(4, text.lines().count(), text); // the title, then the cell's task and its two children
            assertTrue(text.lines().skip(1).allMatch(l -> l.endsWith(" done")), text);
            // Recording stops with the cell: later tasks of that cell record no steps.
            assertTrue(!timeline.records("cell 7"));
        }
    }

    @Test
    void tasksThatOutliveTheCellAreDrawnPendingThenTheSameDisplayIsRedrawnWhenTheyFinish() throws Exception {
        try (KernelLoop kernelLoop = KernelLoop.start()) {
            TimelineMagic<String> timeline = new TimelineMagic<>(kernelLoop, () -> "cell 8");
            TaskRegistry<String> registry =
                    new TaskRegistry<>(kernelLoop.loop(), String.class, () -> "cell 8", timeline::records);
            timeline.watch(registry);
            kernelLoop.loop().setTaskObserver(registry);
            RecordingOutput output = new RecordingOutput();
            CompletableFuture<Void> backgroundDone = new CompletableFuture<>();
            timeline.run(new MagicCall("timeline", "", true, 0), new MagicSession(null, CellRun.of(1), output), () -> {
                CompletableFuture<Object> done = new CompletableFuture<>();
                kernelLoop.call(
                        () -> {
                            kernelLoop
                                    .loop()
                                    .createTask(
                                            async(() -> {
                                                createTask(
                                                        async(() -> {
                                                            await(sleep(0.2));
                                                            createTask(sleep(0.1), "grandchild");
                                                        }),
                                                        "background");
                                                return "ok";
                                            }),
                                            "cell[8]")
                                    .addDoneCallback(t -> done.complete(t.result()));
                            return null;
                        },
                        Duration.ofSeconds(5));
                return new EvalOutcome.Value(done.join());
            });
            assertEquals(1, output.displays.size());
            assertTrue(((String) output.displays.getFirst().data().get("text/plain")).contains("background"));
            assertTrue(((String) output.displays.getFirst().data().get("text/plain")).endsWith("pending"));
            assertTrue(timeline.records("cell 8"), "still recording the tasks that outlived the cell");
            for (int i = 0; i < 500 && output.displays.size() < 2; i++) {
                Thread.sleep(10);
            }
            assertEquals(2, output.displays.size());
            String id = output.displayKinds.getFirst().split(" ")[0];
            assertEquals(List.of(id + " new", id + " update"), output.displayKinds);
            List<String> rows = ((String) output.displays.get(1).data().get("text/plain"))
                    .lines()
                    .skip(1)
                    .map(l -> l.strip().split("\\s+")[0] + " " + l.substring(l.lastIndexOf(' ') + 1))
                    .toList();
            assertEquals(List.of("cell[8] done", "background done", "grandchild done"), rows);
            assertTrue(!timeline.records("cell 8"));
        }
    }
}
