package org.javaasync.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.testing.ManualScheduler;
import org.javaasync.kernel.testing.RecordingFrontend;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.Test;

/** The loop's text reports (debug mode's) go to the cell whose work they concern, found through the task's context. */
class LoopReportsTest {

    private static final Parent FIRST = new Parent() {};
    private static final Parent SECOND = new Parent() {};

    private final RecordingFrontend frontend = new RecordingFrontend();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final OutputRouter router = new OutputRouter();
    private final CellOutputs cells =
            new CellOutputs(frontend, scheduler, scheduler::nanoTime, null, () -> {}, FrameLocator.NONE, router);

    @Test
    void aSlowStepReportGoesToTheCellOfTheTaskNotToTheRunningCell() {
        CellOutput first = cells.begin(FIRST, 1, false, false); // the cell that starts the slow task
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .debug(true)
                .slowCallbackDuration(Duration.ofMillis(20))
                .build();
        TaskRegistry<CellOutput> registry = new TaskRegistry<>(loop, CellOutput.class, router::current, c -> false);
        loop.setTaskObserver(registry);
        List<String> logged = new ArrayList<>();
        try {
            var slow = loop.createTask(
                    Asyncio.async("s", () -> {
                        long end = System.nanoTime() + Duration.ofMillis(200).toNanos(); // ten times the threshold
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        return null;
                    }),
                    "cruncher");
            CellOutput second = cells.begin(SECOND, 2, false, false); // runs when the report is made
            loop.setReporter(new LoopReports(registry, router::current, logged::add, FrameLocator.NONE));
            loop.runUntilComplete(slow);
            first.flush();
            second.flush();
            String shown = frontend.sent().stream()
                    .filter(m -> m.type().equals("stream") && m.parent() == FIRST)
                    .map(RecordingFrontend.Sent::text)
                    .reduce("", String::concat);
            assertTrue(shown.startsWith("Executing <Task cruncher> took "), shown);
            assertTrue(
                    frontend.sent().stream().noneMatch(m -> m.parent() == SECOND),
                    "nothing in the cell running at the time");
            assertEquals(List.of(), logged);
        } finally {
            loop.close();
        }
    }

    @Test
    void reportsBeforeAnyCellGoToTheKernelLog() {
        EventLoop loop = EventLoop.builder().build();
        TaskRegistry<CellOutput> registry = new TaskRegistry<>(loop, CellOutput.class, () -> null, cell -> false);
        List<String> logged = new ArrayList<>();
        new LoopReports(registry, () -> null, logged::add, frame -> null).accept("a report");
        assertEquals(List.of("a report\n"), logged);
        loop.close();
    }
}
