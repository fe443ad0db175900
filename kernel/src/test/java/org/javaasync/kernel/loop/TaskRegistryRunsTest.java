package org.javaasync.kernel.loop;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.currentTask;
import static org.javaasync.runtime.Asyncio.gather;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The running steps a recording registry keeps, on the virtual clock. A step that computes stands still on a virtual
 * clock, so the registry reads a {@link ComputingClock}: the loop's virtual time plus the computing time the tasks
 * declare, which is what a real clock reads while a step holds the loop.
 */
class TaskRegistryRunsTest {

    private final EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
    private final ComputingClock clock = new ComputingClock(loop);
    private final TaskRegistry<String> registry = new TaskRegistry<>(clock, String.class, () -> "cell", c -> true);
    private final Map<String, TaskRegistry.Entry<String>> finished = new TreeMap<>();

    private void run(AsyncRunnable body) {
        registry.onDone(e -> finished.put(e.task().getName(), e));
        loop.setTaskObserver(registry);
        loop.runUntilComplete(loop.createTask(async(body), "main"));
        loop.close();
    }

    /** Asserts the recorded steps of {@code entry}, as {start, end} pairs, to within rounding of the clock's sums. */
    private static void assertRuns(TaskRegistry.Entry<String> entry, double[]... expected) {
        List<double[]> runs = entry.runs();
        assertEquals(expected.length, runs.size(), () -> entry.task().getName() + ": " + describe(runs));
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], runs.get(i), 1e-9, entry.task().getName() + ": " + describe(runs));
        }
    }

    private static String describe(List<double[]> runs) {
        List<String> out = new ArrayList<>();
        for (double[] r : runs) out.add(r[0] + "-" + r[1]);
        return out.toString();
    }

    private static double[] step(double start, double end) {
        return new double[] {start, end};
    }

    @Test
    void aTaskThatComputesForASecondInItsOnlyStepRanForThatSecond() {
        run(() -> {
            await(createTask(async(() -> clock.compute(1.0)), "cpu"));
        });
        TaskRegistry.Entry<String> cpu = finished.get("cpu");
        assertRuns(cpu, step(0, 1));
        assertEquals(1.0, cpu.runningSeconds(), 1e-9);
        assertEquals(1.0, cpu.finished(), 1e-9);
    }

    @Test
    void theStepATaskFinishesInEndsWhenItFinishedAfterAnAwait() {
        run(() -> {
            await(createTask(
                    async(() -> {
                        await(sleep(2));
                        clock.compute(0.5);
                    }),
                    "late-cpu"));
        });
        TaskRegistry.Entry<String> task = finished.get("late-cpu");
        assertRuns(task, step(0, 0), step(2, 2.5));
        assertEquals(0.5, task.runningSeconds(), 1e-9);
    }

    @Test
    void noOtherTaskRunsWhileOneHoldsTheLoop() {
        run(() -> {
            await(gather(
                    createTask(
                            async(() -> {
                                for (int i = 0; i < 3; i++) await(sleep(0.2));
                            }),
                            "ticker"),
                    createTask(async(() -> clock.compute(1.0)), "cpu")));
        });
        assertRuns(finished.get("cpu"), step(0, 1));
        // The ticker's first step ran before the computation; its later ones after it, shifted by the second the
        // loop was held (the loop's timers are on virtual time, which the computation did not move).
        assertRuns(finished.get("ticker"), step(0, 0), step(1.2, 1.2), step(1.4, 1.4), step(1.6, 1.6));
        assertEquals(0.0, finished.get("ticker").runningSeconds());
        assertRuns(finished.get("main"), step(0, 0), step(1.6, 1.6));
    }

    @Test
    void theKernelsWorkInsideAStepIsLeftOutOfTheTasksRunningTime() {
        run(() -> {
            await(createTask(
                    async(() -> {
                        clock.compute(0.2); // the first statement runs
                        clock.compute(0.5); // JShell compiles the next one, inside the same step
                        registry.kernelWork(currentTask(), 0.5);
                        clock.compute(0.3); // the next statement runs
                    }),
                    "cell"));
        });
        TaskRegistry.Entry<String> cell = finished.get("cell");
        assertRuns(cell, step(0, 0.2), step(0.7, 1.0));
        assertEquals(0.5, cell.runningSeconds(), 1e-9);
    }

    @Test
    void kernelWorkThatFillsTheWholeStepSoFarLeavesNoEmptyInterval() {
        run(() -> {
            await(createTask(
                    async(() -> {
                        clock.compute(0.4);
                        registry.kernelWork(currentTask(), 0.4); // compiling the first statement
                        clock.compute(0.1);
                    }),
                    "cell"));
        });
        assertRuns(finished.get("cell"), step(0.4, 0.5));
    }

    @Test
    void kernelWorkTakesBackStepsItsWindowCoversEvenWhenCompilingBlockedInBetween() {
        run(() -> {
            await(createTask(
                    async(() -> {
                        clock.compute(0.1); // the first statement runs
                        clock.compute(0.2); // JShell starts compiling the next one...
                        await(sleep(0.5)); // ...blocks (a step ends; here an await stands for the JDK call)...
                        clock.compute(0.2); // ...and finishes compiling
                        registry.kernelWork(currentTask(), 0.9);
                        clock.compute(0.3); // the next statement runs
                    }),
                    "cell"));
        });
        TaskRegistry.Entry<String> cell = finished.get("cell");
        assertRuns(cell, step(0, 0.1), step(1.0, 1.3));
        assertEquals(0.4, cell.runningSeconds(), 1e-9);
    }

    @Test
    void aTaskWithThousandsOfStepsKeepsBoundedIntervalsAndItsExactRunningTime() {
        run(() -> {
            await(createTask(
                    async(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            clock.compute(0.001);
                            await(sleep(i == 5_000 ? 10 : 0.001)); // one long wait in the middle
                        }
                    }),
                    "busy"));
        });
        TaskRegistry.Entry<String> busy = finished.get("busy");
        List<double[]> runs = busy.runs();
        assertTrue(runs.size() <= RunIntervals.MAX, "kept " + runs.size());
        assertEquals(10.0, busy.runningSeconds(), 1e-6);
        // The long wait is the widest gap: merging the closest steps never bridges it.
        double widest = 0;
        for (int i = 1; i < runs.size(); i++) widest = Math.max(widest, runs.get(i)[0] - runs.get(i - 1)[1]);
        assertEquals(10.0, widest, 1e-6);
        assertEquals(0.0, runs.getFirst()[0]);
        assertEquals(busy.finished(), runs.getLast()[1]);
    }
}
