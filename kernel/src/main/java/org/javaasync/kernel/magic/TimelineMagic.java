package org.javaasync.kernel.magic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.TimelineSvg;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.loop.KernelLoop;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.runtime.Task;

/**
 * {@code %%timeline}: runs the cell, then draws each of its tasks — the cell's own and every task it created,
 * directly or not — as a row over time ({@link TimelineSvg}), from the moment the cell's own code first ran to the
 * end of its last task. A task is drawn running where it held the loop; JShell compiling the cell's statements inside
 * the cell's task is the kernel's work and is left out (the runner reports it: {@link TaskRegistry#kernelWork}).
 * Tasks still pending when the cell ends are drawn up to that moment and marked pending. The picture shows at a
 * glance that three concurrent 2 s sleeps take 2 s, and three sequential ones 6 s.
 *
 * <p>When tasks outlive the cell, the picture shows them pending, keeps recording them (and the tasks they create),
 * and is redrawn in place ({@code display_id}) when the last of them finishes: the cell ends with the whole story.
 *
 * <p>Recording run steps costs a little per step, so only cells under this magic record them: the
 * {@link TaskRegistry} asks {@link #records} when a task is created.
 *
 * @param <C> the kernel's cell context, as the {@link TaskRegistry} keeps it
 */
public final class TimelineMagic<C> {

    private static final Duration LOOP_ANSWER = Duration.ofSeconds(2);

    private final KernelLoop loop;
    private final Supplier<C> currentCell;
    /** The cells drawing a timeline now, each with the entries of its tasks that have finished. */
    private final Map<C, List<TaskRegistry.Entry<C>>> recording = new ConcurrentHashMap<>();
    /** For cells whose tasks outlived them: redraws the final picture when the last one finishes (on the loop). */
    private final Map<C, Runnable> redraws = new ConcurrentHashMap<>();

    private volatile TaskRegistry<C> registry;

    /**
     * @param loop        the kernel's loop
     * @param currentCell the cell running the magic (the context its tasks get)
     */
    public TimelineMagic(KernelLoop loop, Supplier<C> currentCell) {
        this.loop = loop;
        this.currentCell = currentCell;
    }

    /** Whether tasks of {@code cell} record their running steps: the registry's {@code recordRuns} predicate. */
    public boolean records(C cell) {
        return recording.containsKey(cell);
    }

    /** Starts collecting the finished tasks of recording cells from {@code tasks}; call once, at kernel start. */
    public void watch(TaskRegistry<C> tasks) {
        this.registry = tasks;
        tasks.onDone(entry -> {
            C cell = entry.context();
            List<TaskRegistry.Entry<C>> finished = cell == null ? null : recording.get(cell);
            if (finished == null) {
                return;
            }
            finished.add(entry);
            Runnable redraw = redraws.get(cell);
            if (redraw != null && tasks.live(cell).isEmpty()) {
                redraws.remove(cell);
                recording.remove(cell);
                redraw.run();
            }
        });
    }

    /** Registers {@code %%timeline} in {@code magics}. */
    public Magics registerIn(Magics magics) {
        return magics.cell("timeline", "runs the cell, then draws its tasks over time (SVG)", this::run);
    }

    EvalOutcome run(MagicCall call, MagicSession session, Supplier<EvalOutcome> javaPart) throws MagicException {
        TaskRegistry<C> tasks = registry;
        C cell = currentCell.get();
        if (tasks == null || cell == null) {
            throw new MagicException("%%timeline is not available: the kernel does not track tasks");
        }
        List<TaskRegistry.Entry<C>> finished = new CopyOnWriteArrayList<>();
        recording.put(cell, finished);
        double t0 = loop.loop().time();
        String title = call.args().isBlank() ? "Tasks of this cell" : call.args();
        String displayId = UUID.randomUUID().toString();
        EvalOutcome outcome;
        try {
            outcome = javaPart.get();
        } finally {
            try {
                // One loop step draws the picture and, if tasks are still pending, arms the redraw: no task can
                // finish in between unseen, and the first picture is published before any update of it.
                loop.call(
                        () -> {
                            List<TaskRegistry.Entry<C>> live = tasks.live(cell);
                            Snapshot snapshot =
                                    snapshot(finished, live, t0, loop.loop().time());
                            session.output()
                                    .display(
                                            bundle(title, snapshot.rows(), snapshot.start(), snapshot.end()),
                                            displayId,
                                            false);
                            if (live.isEmpty()) {
                                recording.remove(cell);
                            } else {
                                redraws.put(cell, () -> {
                                    Snapshot last = snapshot(
                                            finished, List.of(), t0, loop.loop().time());
                                    session.output()
                                            .display(
                                                    bundle(title, last.rows(), last.start(), last.end()),
                                                    displayId,
                                                    true);
                                });
                            }
                            return null;
                        },
                        LOOP_ANSWER);
            } catch (IllegalStateException e) {
                recording.remove(cell);
                throw new MagicException("could not draw the timeline: " + e.getMessage(), e);
            }
        }
        return outcome;
    }

    /** The rows to draw, from {@code start} to {@code end} on the loop's clock. */
    record Snapshot(List<TimelineSvg.Row> rows, double start, double end) {}

    /**
     * On the loop's thread: every task's row, oldest first. The oldest task is the cell's own, which the kernel
     * creates before JShell compiles the cell's first statement (compiling is not concurrency, and the registry leaves
     * it out of the running steps): its row, and the picture, start where the cell's own code first ran. Every other
     * row starts when its task was created. The picture ends when the last task ended, or {@code now} if one is still
     * pending. With no task at all it spans {@code cellStart} to {@code now}.
     */
    static <C> Snapshot snapshot(
            List<TaskRegistry.Entry<C>> finished, List<TaskRegistry.Entry<C>> live, double cellStart, double now) {
        List<TaskRegistry.Entry<C>> all = new ArrayList<>(finished);
        all.addAll(live);
        all.sort(TaskRegistry.OLDEST_FIRST);
        List<TimelineSvg.Row> rows = new ArrayList<>();
        double start = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        for (TaskRegistry.Entry<C> e : all) {
            List<double[]> runs = e.runs();
            boolean cellsOwn = rows.isEmpty() && !runs.isEmpty();
            double since = cellsOwn ? runs.getFirst()[0] : e.created();
            double until = Double.isNaN(e.finished()) ? now : e.finished();
            start = Math.min(start, since);
            end = Math.max(end, until);
            rows.add(new TimelineSvg.Row(
                    e.task().getName(), segments(since, runs, until), ending(e.task()), e.runningSeconds()));
        }
        return all.isEmpty() ? new Snapshot(rows, cellStart, now) : new Snapshot(rows, start, end);
    }

    /** Running steps as recorded, waiting in between, from creation until {@code until}. */
    static List<TimelineSvg.Segment> segments(double created, List<double[]> runs, double until) {
        List<TimelineSvg.Segment> segments = new ArrayList<>();
        double cursor = created;
        for (double[] run : runs) {
            if (run[0] > cursor) {
                segments.add(new TimelineSvg.Segment(cursor, run[0], TimelineSvg.Activity.WAITING));
            }
            double stop = Math.max(run[1], run[0]);
            segments.add(new TimelineSvg.Segment(run[0], stop, TimelineSvg.Activity.RUNNING));
            cursor = Math.max(cursor, stop);
        }
        if (until > cursor) {
            segments.add(new TimelineSvg.Segment(cursor, until, TimelineSvg.Activity.WAITING));
        }
        return segments;
    }

    private static TimelineSvg.Ending ending(Task<?> task) {
        if (!task.isDone()) return TimelineSvg.Ending.PENDING;
        if (task.isCancelled()) return TimelineSvg.Ending.CANCELLED;
        return task.isFailed() ? TimelineSvg.Ending.FAILED : TimelineSvg.Ending.DONE;
    }

    /**
     * The picture three ways: an HTML {@code <img>} of the SVG (what HTML exports and untrusted notebooks show: they
     * strip inline SVG), the SVG itself, and the timeline as text (each task's span, running time and ending).
     */
    static MimeBundle bundle(String title, List<TimelineSvg.Row> rows, double t0, double t1) {
        StringBuilder text = new StringBuilder(title).append(String.format(Locale.ROOT, " (%.3f s):", t1 - t0));
        for (TimelineSvg.Row row : rows) {
            double first =
                    row.segments().isEmpty() ? t0 : row.segments().getFirst().start();
            double last =
                    row.segments().isEmpty() ? t0 : row.segments().getLast().end();
            text.append(String.format(
                    Locale.ROOT,
                    "\n  %-24s %7.3f–%.3f s  running %.3f s  %s",
                    row.name(),
                    first - t0,
                    last - t0,
                    row.runningSeconds(),
                    row.ending().name().toLowerCase(Locale.ROOT)));
        }
        TimelineSvg.Drawing drawing = TimelineSvg.draw(title, rows, t0, t1);
        return new MimeBundle(
                Map.of(
                        "text/html",
                        drawing.htmlImage(text.toString()),
                        "image/svg+xml",
                        drawing.svg(),
                        "text/plain",
                        text.toString()),
                Map.of());
    }
}
