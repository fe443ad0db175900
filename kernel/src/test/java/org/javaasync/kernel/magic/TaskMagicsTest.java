package org.javaasync.kernel.magic;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.CellInterrupts;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.loop.KernelLoop;
import org.javaasync.kernel.loop.LoopGuard;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code %tasks} and {@code %cancel} on a real kernel loop; cells are strings "In 1", "In 2"... here. */
class TaskMagicsTest {

    private final KernelLoop kernelLoop = KernelLoop.start();
    private volatile String creatingCell = "cell 1";
    private volatile String runningCell = "cell 3";
    private final TaskRegistry<String> registry =
            new TaskRegistry<>(kernelLoop.loop(), String.class, () -> creatingCell, c -> false);
    private final LoopGuard<String> guard =
            new LoopGuard<>(kernelLoop, registry, cell -> Integer.parseInt(cell.substring(5)));
    private final TaskMagics<String> magics =
            new TaskMagics<>(guard, registry, cell -> Integer.parseInt(cell.substring(5)), () -> runningCell);
    private final RecordingOutput output = new RecordingOutput();
    private final MagicSession session = new MagicSession(null, CellRun.of(1), output);
    private final List<String> log = new CopyOnWriteArrayList<>();

    TaskMagicsTest() {
        kernelLoop.loop().setTaskObserver(registry);
    }

    @AfterEach
    void stop() {
        kernelLoop.shutdown(Duration.ofSeconds(2));
    }

    private Task<?> start(String cell, String name, AsyncRunnable body) {
        creatingCell = cell;
        return kernelLoop.call(() -> kernelLoop.loop().createTask(async(body), name), Duration.ofSeconds(5));
    }

    /** Waits until the loop has run every ready step (each task reached its first await). */
    private void settle() {
        kernelLoop.call(() -> null, Duration.ofSeconds(5));
        kernelLoop.call(() -> null, Duration.ofSeconds(5));
    }

    private static MagicCall line(String name, String args) {
        return new MagicCall(name, args, false, 0);
    }

    @Test
    void tasksListsLiveTasksWithStateCellAgeAndWhatTheyAwait() throws Exception {
        Task<?> child = start("cell 1", "sleeper", () -> await(sleep(60)));
        start("cell 2", "watcher", () -> await(child));
        settle();
        magics.tasks(line("tasks", ""), session);
        MimeBundle table = output.displays.getFirst();
        List<String> lines = ((String) table.data().get("text/plain")).lines().toList();
        assertEquals(
                List.of("Name", "State", "Cell", "Age", "Awaiting"),
                List.of(lines.get(0).split("\\s+")));
        assertTrue(
                lines.get(1).matches("sleeper\\s+waiting\\s+In \\[1]\\s+\\S+ \\S+\\s+sleep\\(60\\.0\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("watcher\\s+waiting\\s+In \\[2]\\s+\\S+ \\S+\\s+Task 'sleeper'"), lines.get(2));
        String html = (String) table.data().get("text/html");
        assertTrue(
                html.startsWith("<table>") && html.contains("<td style=\"text-align:left\">Task 'sleeper'</td>"), html);
    }

    @Test
    void tasksSaysSoWhenNoTaskIsAlive() throws Exception {
        magics.tasks(line("tasks", ""), session);
        assertEquals("No live tasks.", output.displays.getFirst().data().get("text/plain"));
    }

    @Test
    void cancelByNameCancelsThatTaskAndLetsItsCleanupAwaitBeforeReporting() throws Exception {
        Task<?> worker = start("cell 1", "worker", () -> {
            try {
                await(sleep(60));
            } finally {
                await(sleep(0.05));
                log.add("cleaned up");
            }
        });
        Task<?> other = start("cell 1", "other", () -> await(sleep(60)));
        settle();
        EvalOutcome outcome = magics.cancel(line("cancel", "worker"), session);
        assertInstanceOf(EvalOutcome.NoValue.class, outcome);
        assertEquals("Cancelled 1 task: worker.\n", output.stdout.toString());
        assertEquals(List.of("cleaned up"), log);
        assertTrue(worker.isCancelled());
        assertTrue(!other.isDone());
    }

    @Test
    void cancelAllSparesTheTasksOfTheCellRunningTheMagic() throws Exception {
        Task<?> a = start("cell 1", "a", () -> await(sleep(60)));
        Task<?> b = start("cell 2", "b", () -> await(sleep(60)));
        Task<?> mine = start("cell 3", "mine", () -> await(sleep(60)));
        settle();
        magics.cancel(line("cancel", "all"), session);
        assertEquals("Cancelled 2 tasks: a, b.\n", output.stdout.toString());
        assertTrue(a.isCancelled() && b.isCancelled());
        assertTrue(!mine.isDone());
    }

    @Test
    void cancelOfANameNoTaskHasSaysWhereToLook() throws Exception {
        magics.cancel(line("cancel", "ghost"), session);
        assertEquals("No live task named ghost; %tasks lists them.\n", output.stdout.toString());
    }

    @Test
    void cancelWithoutArgumentsIsAUsageError() {
        MagicException e = org.junit.jupiter.api.Assertions.assertThrows(
                MagicException.class, () -> magics.cancel(line("cancel", ""), session));
        assertTrue(e.getMessage().contains("'all'"), e.getMessage());
    }

    @Test
    void cancelReportsTasksWhoseCleanupOutlastsTheWait() throws Exception {
        start("cell 1", "stubborn", () -> {
            try {
                await(sleep(60));
            } finally {
                await(shield(sleep(TaskMagics.CLEANUP_WAIT.toSeconds() + 5)));
            }
        });
        settle();
        magics.cancel(line("cancel", "stubborn"), session);
        assertTrue(
                output.stdout.toString().contains("Still cleaning up after 2 s: stubborn"), output.stdout.toString());
    }

    /** Starts a task that runs without awaiting, as a CPU loop in a cell does, and waits until it holds the loop. */
    private Task<?> holdTheLoop(String name) throws InterruptedException {
        Task<?> spinner = kernelLoop.call(
                () -> kernelLoop
                        .loop()
                        .createTask(
                                async(() -> {
                                    while (true) {
                                        CellInterrupts.check(); // what the kernel compiles into every loop of cell code
                                        Thread.onSpinWait();
                                    }
                                }),
                                name),
                Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (guard.hold(LoopGuard.HOLDING) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(guard.hold(LoopGuard.HOLDING) != null, "the spinner never held the loop");
        return spinner;
    }

    @Test
    void tasksAnswersWhileATaskHoldsTheLoopAndNamesIt() throws Exception {
        creatingCell = "cell 4";
        Task<?> spinner = holdTheLoop("spinner");
        try {
            magics.tasks(line("tasks", ""), session);
            String table = (String) output.displays.getLast().data().get("text/plain");
            assertTrue(table.contains("spinner") && table.contains("In [4]"), table);
            assertTrue(
                    output.stdout.toString().contains("task 'spinner' (In [4]) has held the event loop for"),
                    output.stdout.toString());
        } finally {
            magics.cancel(line("cancel", "spinner"), session);
        }
        assertTrue(spinner.isCancelled());
    }

    @Test
    void cancelStopsATaskThatHoldsTheLoop() throws Exception {
        Task<?> spinner = holdTheLoop("spinner");
        magics.cancel(line("cancel", "spinner"), session);
        assertTrue(spinner.isDone() && spinner.isCancelled(), "the spinner still runs");
        assertTrue(output.stdout.toString().contains("Cancelled 1 task: spinner."), output.stdout.toString());
        settle(); // the loop answers again
    }
}
