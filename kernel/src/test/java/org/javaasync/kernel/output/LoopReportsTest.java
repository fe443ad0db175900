package org.javaasync.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.testing.ManualScheduler;
import org.javaasync.kernel.testing.RecordingFrontend;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.junit.jupiter.api.Test;

class LoopReportsTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final CellOutputs cells = new CellOutputs(
            new RecordingFrontend(), scheduler, scheduler::nanoTime, null, FrameLocator.NONE, new OutputRouter());
    private final CellOutput first = new CellOutput(null, 1, false, false, Long.MAX_VALUE, cells);
    private final CellOutput second = new CellOutput(null, 2, false, false, Long.MAX_VALUE, cells);

    @Test
    void aSlowStepReportGoesToTheCellOfTheTaskItNamesNotToTheRunningCell() {
        EventLoop loop = EventLoop.builder().build();
        TaskRegistry<CellOutput> registry = new TaskRegistry<>(loop, CellOutput.class, () -> first, cell -> false);
        loop.setTaskObserver(registry);
        List<String> logged = new ArrayList<>();
        LoopReports reports = new LoopReports(registry, () -> second, logged::add, frame -> null);
        try {
            Task<Object> slow = loop.createTask(
                    Asyncio.async("s", () -> {
                        Asyncio.await(Asyncio.sleep(0.01));
                        return null;
                    }),
                    "cruncher");
            // A plain callback (no task on the thread) while the named task sleeps: found by the name in the report.
            CellOutput[] found = new CellOutput[1];
            loop.callSoon(() -> found[0] = reports.cellOf("Executing <Task cruncher> took 0.250 seconds: it blocked"));
            loop.runUntilComplete(slow);
            assertSame(first, found[0]);
            assertSame(second, reports.cellOf("Exception in callback x"), "no task concerned: the running cell");
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
        new LoopReports(registry, () -> null, logged::add, frame -> null).accept("coroutine 'f' was never awaited");
        assertEquals(List.of("coroutine 'f' was never awaited\n"), logged);
        loop.close();
    }
}
