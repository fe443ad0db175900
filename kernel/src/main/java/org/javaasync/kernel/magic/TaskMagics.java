package org.javaasync.kernel.magic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.loop.LoopGuard;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.runtime.Task;

/**
 * {@code %tasks} lists the live tasks of the session; {@code %cancel NAME|all} cancels them. Background tasks keep
 * running while the user works in other cells (an interrupt stops only what runs now), so these two are how one
 * sees and stops them.
 *
 * <p>Both answer without asking the event loop: they read the task registry, which the loop keeps up to date as
 * tasks start, switch and finish, so they work while a task holds the loop (a CPU loop that never awaits). Then the
 * listing names the task holding the loop and for how long, and {@code %cancel} stops it through the interrupt
 * checks compiled into cell code, as an interrupt does.
 *
 * @param <C> the kernel's cell context, as the {@link TaskRegistry} keeps it
 */
public final class TaskMagics<C> {

    /** How long {@code %cancel} waits for the cancelled tasks' cleanup before it reports. */
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(2);

    private final LoopGuard<C> guard;
    private final TaskRegistry<C> registry;
    private final ToIntFunction<C> cellNumber;
    private final Supplier<C> currentCell;

    /**
     * @param guard       what holds the kernel's loop, and how to stop it
     * @param registry    what the kernel knows of each live task
     * @param cellNumber  the execution count ({@code In [n]}) of a cell context
     * @param currentCell the cell running the magic
     */
    public TaskMagics(
            LoopGuard<C> guard, TaskRegistry<C> registry, ToIntFunction<C> cellNumber, Supplier<C> currentCell) {
        this.guard = guard;
        this.registry = registry;
        this.cellNumber = cellNumber;
        this.currentCell = currentCell;
    }

    /** Registers {@code %tasks} and {@code %cancel} in {@code magics}. */
    public Magics registerIn(Magics magics) {
        return magics.line("tasks", "lists live tasks: name, state, cell, age, what they await", this::tasks)
                .line("cancel", "cancels live tasks by name, or all of them: %cancel NAME... | all", this::cancel);
    }

    /** One live task, as {@code %tasks} shows it. */
    record Row(String name, String state, String cell, double age, String awaiting) {}

    /** {@code %tasks}: a table of the live tasks, oldest first, and what holds the loop if a task does. */
    EvalOutcome tasks(MagicCall call, MagicSession session) throws MagicException {
        LoopGuard.Hold<C> hold = guard.hold(LoopGuard.HOLDING);
        double now = registry.now();
        List<Row> rows = new ArrayList<>();
        for (TaskRegistry.Entry<C> e : registry.all()) {
            Task<?> task = e.task();
            if (task.isDone()) {
                continue;
            }
            // Read off the loop: what a task awaits may change meanwhile, which a listing can live with.
            String awaiting = task.awaiting();
            // Running: holding the loop now, ready to resume, or blocked in a JDK call (which frees the loop).
            String state = awaiting != null ? "waiting" : !e.started() ? "pending" : "running";
            rows.add(new Row(
                    task.getName(),
                    state,
                    cellLabel(e.context()),
                    now - e.created(),
                    awaiting == null ? "" : awaiting));
        }
        session.output().display(TaskListing.bounded(rows, TaskMagics::table), null, false);
        if (hold != null) {
            session.output().stream(
                    "stderr",
                    "⚠ The " + guard.describe(hold) + " without awaiting: no other task or cell runs until"
                            + " it does. %cancel " + hold.task().getName()
                            + " or an interrupt stops it.\n");
        }
        return new EvalOutcome.NoValue();
    }

    /**
     * {@code %cancel NAME... | all}: cancels matching live tasks, waits briefly for their cleanup, says what it did.
     */
    EvalOutcome cancel(MagicCall call, MagicSession session) throws MagicException {
        List<String> names =
                call.args().isBlank() ? List.of() : List.of(call.args().strip().split("\\s+"));
        if (names.isEmpty()) {
            throw new MagicException("%cancel needs task names (as %tasks lists them) or 'all'");
        }
        boolean all = names.equals(List.of("all"));
        C current = currentCell.get();
        Map<Task<?>, String> cancelled = new LinkedHashMap<>();
        for (TaskRegistry.Entry<C> e : registry.all()) {
            Task<?> task = e.task();
            boolean match = all ? e.context() != current : names.contains(task.getName());
            if (match && !task.isDone()) {
                cancelled.put(task, task.getName());
            }
        }
        if (cancelled.isEmpty()) {
            session.print(
                    all
                            ? "No live tasks to cancel."
                            : "No live task named " + String.join(", ", names) + "; %tasks lists them.");
            return new EvalOutcome.NoValue();
        }
        guard.cancel(cancelled.keySet(), "cancelled with %cancel");
        // Cancelling is a request: each task's finally blocks run (and may await) before it is done. Wait while the
        // cleanup makes progress, and at most CLEANUP_WAIT for a task that makes none.
        long deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
        long left = cancelled.size();
        while (left > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = cancelled.keySet().stream().filter(t -> !t.isDone()).count();
            if (now < left) {
                deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
            }
            left = now;
        }
        List<String> stillRunning = cancelled.entrySet().stream()
                .filter(e -> !e.getKey().isDone())
                .map(Map.Entry::getValue)
                .toList();
        StringBuilder out = new StringBuilder("Cancelled " + cancelled.size()
                + (cancelled.size() == 1 ? " task: " : " tasks: ") + TaskListing.names(cancelled.values()) + ".");
        if (!stillRunning.isEmpty()) {
            out.append("\nStill cleaning up after ")
                    .append(CLEANUP_WAIT.toSeconds())
                    .append(" s: ")
                    .append(TaskListing.names(stillRunning))
                    .append(" (their finally blocks are running or awaiting, or the event loop is held).");
        }
        session.print(out.toString());
        return new EvalOutcome.NoValue();
    }

    private String cellLabel(C context) {
        return context == null ? "" : "In [" + cellNumber.applyAsInt(context) + "]";
    }

    /** The table as text and HTML. */
    static MimeBundle table(List<Row> rows) {
        if (rows.isEmpty()) {
            return new MimeBundle(
                    Map.of("text/plain", "No live tasks.", "text/html", "<p>No live tasks.</p>"), Map.of());
        }
        String[] header = {"Name", "State", "Cell", "Age", "Awaiting"};
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(
                    new String[] {r.name(), r.state(), r.cell(), TimeMagic.format(Math.max(r.age(), 0)), r.awaiting()});
        }
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] c : cells) width[i] = Math.max(width[i], c[i].length());
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table><thead><tr>");
        appendText(text, header, width);
        for (String h : header)
            html.append("<th style=\"text-align:left\">").append(h).append("</th>");
        html.append("</tr></thead><tbody>");
        for (String[] c : cells) {
            appendText(text, c, width);
            html.append("<tr>");
            for (String v : c)
                html.append("<td style=\"text-align:left\">")
                        .append(Html.escape(v))
                        .append("</td>");
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        return new MimeBundle(
                Map.of("text/plain", text.toString().stripTrailing(), "text/html", html.toString()), Map.of());
    }

    private static void appendText(StringBuilder text, String[] values, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(String.format("%-" + width[i] + "s", values[i])).append(i < values.length - 1 ? "  " : "");
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
