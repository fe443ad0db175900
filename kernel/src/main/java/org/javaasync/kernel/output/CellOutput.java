package org.javaasync.kernel.output;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.trace.UnretrievedFailure;
import org.javaasync.runtime.Task;

/**
 * Everything one cell shows, for as long as the kernel lives, and the one owner of the cell's after-life: what
 * happens to its output once its code has ended while tasks it started still run.
 *
 * <h2>Phases</h2>
 * <ul>
 *   <li><b>running</b>: the cell's code runs. Text is coalesced into {@code stream} messages: the first write after a
 *       flush schedules one {@value #FLUSH_MILLIS} ms later, a buffer of {@value #MAX_CHUNK} characters is sent at
 *       once, and a change between stdout and stderr sends the other stream first, so that the frontend sees them in
 *       the order written. Past the {@link OutputLimit} text is dropped after one notice. Displays go out at once,
 *       after the text written before them.
 *   <li><b>background</b>: the code has {@link #end ended}, tasks it started still run. Frontends drop, or show in
 *       another cell, a {@code stream} that arrives after a cell's {@code idle}, but every frontend applies an update
 *       of a display it knows. So everything written from now on goes into one display left in the cell (a
 *       {@link BackgroundDisplay}), updated at most every {@value #UPDATE_MILLIS} ms, with a footer that names the
 *       tasks still running.
 *   <li><b>finished</b>: no task of the cell is left; the footer is the summary ("✔ 2 background tasks finished in
 *       3.1 s"). Output that still arrives (from a thread the cell left behind) is added to the display, which is
 *       opened for it if the cell had none.
 * </ul>
 * Transitions: running → background or finished at {@link #end}; background → finished at the first update that
 * finds no live task; finished → background when a new task of the cell appears (started by something the cell left
 * behind).
 *
 * <h2>Failures</h2>
 * A task of the cell that failed with an exception nobody retrieved (awaited it, asked for its result or exception)
 * is reported as asyncio words it, "Task exception was never retrieved": when the cell ends, for tasks already
 * failed; in the background display once the failure is {@link #GRACE_NANOS} old (a sibling that awaits it, a
 * gather or a consumer, normally does so at once); and at the latest when the display finishes. Reporting marks the
 * exception retrieved, so the runtime does not report it again when the task is collected.
 *
 * <h2>Invariants</h2>
 * All state is guarded by this object's monitor, the cell's one lock. Under it the cell only queues messages on the
 * {@link org.javaasync.kernel.frontend.Frontend}, which never blocks, and schedules on the shared scheduler; it never
 * waits for the event loop or takes another cell's lock, so there is no lock order to get wrong. The cell's live
 * tasks are kept here, from the task registry's created and done events, so that "no task is left" and the
 * summary's counts are read under the same lock as the events that change them. The cell's own task is one of them
 * while it runs.
 */
public final class CellOutput implements OutputSink {

    private enum Phase {
        RUNNING,
        BACKGROUND,
        FINISHED
    }

    static final long FLUSH_MILLIS = 20;
    static final int MAX_CHUNK = 64 * 1024;
    static final long UPDATE_MILLIS = 75;
    /** How long a background failure may stay unretrieved before it is reported. */
    static final long GRACE_NANOS = 1_000_000_000L;

    private final Parent parent;
    private final int executionCount;
    private final boolean allowStdin;
    private final boolean silent;
    private final long limit;
    private final CellOutputs cells;
    private final String displayId;

    private Phase phase = Phase.RUNNING;
    private final StringBuilder pending = new StringBuilder();
    private String pendingName;
    private boolean flushScheduled;
    private long written;
    private boolean truncated;

    private final Set<Task<?>> live = new LinkedHashSet<>();
    /** Tasks found done at the cell's end whose done event had not arrived yet: that event changes nothing. */
    private final Set<Task<?>> settled = new HashSet<>();

    private final BackgroundTally tally = new BackgroundTally();
    private BackgroundDisplay display;
    private boolean updateScheduled;
    private long lastUpdate;

    CellOutput(Parent parent, int executionCount, boolean allowStdin, boolean silent, long limit, CellOutputs cells) {
        this.parent = parent;
        this.executionCount = executionCount;
        this.allowStdin = allowStdin;
        this.silent = silent;
        this.limit = limit;
        this.cells = cells;
        this.displayId = "bg-" + cells.uniqueId();
    }

    /** The request this output belongs to. */
    public Parent parent() {
        return parent;
    }

    /** The execution count of the cell, as its {@code In [n]} shows it. */
    public int executionCount() {
        return executionCount;
    }

    /** Whether the cell was requested silently: it shows nothing but what it prints. */
    boolean silent() {
        return silent;
    }

    /** Whether the frontend said it can answer input requests for this cell. */
    public boolean allowStdin() {
        return allowStdin;
    }

    /** True once the running cell's text passed the limit: writers may skip the work of producing more. */
    public synchronized boolean isTruncated() {
        return phase == Phase.RUNNING && truncated;
    }

    @Override
    public synchronized void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (phase != Phase.RUNNING) {
            openDisplay().append(name, text);
            changed();
            return;
        }
        if (truncated) {
            return;
        }
        if (pendingName != null && !pendingName.equals(name)) {
            publishPending();
        }
        pendingName = name;
        long room = limit - written;
        if (text.length() > room) {
            pending.append(text, 0, (int) Math.max(0, room));
            written = limit;
            truncated = true;
            publishPending();
            pendingName = "stderr";
            pending.append(OutputLimit.notice(limit));
            publishPending();
            return;
        }
        pending.append(text);
        written += text.length();
        if (pending.length() >= MAX_CHUNK) {
            publishPending();
        } else if (!flushScheduled) {
            flushScheduled = true;
            cells.scheduler().schedule(this::flush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes buffered text now. */
    public synchronized void flush() {
        flushScheduled = false;
        publishPending();
    }

    private void publishPending() {
        if (!pending.isEmpty()) {
            cells.frontend().stream(parent, pendingName, pending.toString());
            pending.setLength(0);
        }
    }

    @Override
    public synchronized void display(MimeBundle bundle, String id, boolean update) {
        if (phase == Phase.RUNNING) {
            publishPending();
            if (update) {
                cells.frontend().updateDisplay(parent, bundle, id);
            } else {
                cells.frontend().display(parent, bundle, id);
            }
            return;
        }
        BackgroundDisplay shown = openDisplay();
        if (update && !shown.shows(id)) {
            // A display shown while the cell ran: the frontend knows its id, so an update works as it is.
            cells.frontend().updateDisplay(cells.updateParent(this), bundle, id);
            return;
        }
        shown.display(bundle, id);
        changed();
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (phase != Phase.RUNNING) {
            openDisplay().clear();
            changed();
            return;
        }
        publishPending();
        cells.frontend().clearOutput(parent, wait);
        // What was shown is gone, so a progress loop that clears and reprints never hits the limit.
        written = 0;
        truncated = false;
    }

    /** Shows the cell's result ({@code Out[n]}) after the text written before it. */
    public synchronized void result(MimeBundle bundle) {
        publishPending();
        cells.frontend().executeResult(parent, executionCount, bundle);
    }

    /** Shows the error the cell ends with, after the text written before it. */
    public synchronized void error(ErrorReport error) {
        publishPending();
        cells.frontend().error(parent, error);
    }

    /** A task of this cell was created. Called on the loop's side. */
    synchronized void taskCreated(Task<?> task) {
        live.add(task);
        if (phase == Phase.FINISHED) {
            phase = Phase.BACKGROUND;
            openDisplay();
            changed();
        }
    }

    /** A task of this cell is done. Called on the loop's side. */
    synchronized void taskDone(Task<?> task) {
        if (settled.remove(task)) {
            return; // accounted for when the cell ended
        }
        live.remove(task);
        boolean failed = task.unretrievedException() != null;
        if (failed) {
            tally.failedUnretrieved(task, cells.nanoTime());
        }
        if (phase == Phase.RUNNING) {
            return; // reported when the cell ends, if still unretrieved then
        }
        tally.countBackground(task, failed);
        changed();
        if (failed) {
            // Siblings may run on for long: look again once the failure had time to be retrieved.
            cells.scheduler()
                    .schedule(this::changed, TimeUnit.NANOSECONDS.toMillis(GRACE_NANOS) + 50, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The cell's code has finished: buffered text goes out, failures nobody retrieved are reported, and if tasks of
     * the cell still run, the background display opens. Called on the execution thread before the cell's
     * {@code idle}, once.
     */
    synchronized void end() {
        if (phase != Phase.RUNNING || silent) {
            return; // a silent request publishes nothing of its own, so it leaves no display either
        }
        // A task is done before the registry says so: the cell's own task has just finished, its done event may
        // still be on its way. Such tasks finished with the cell, not after it.
        for (Task<?> task : live) {
            if (task.isDone()) {
                settled.add(task);
                if (task.unretrievedException() != null) {
                    tally.failedUnretrieved(task, cells.nanoTime());
                }
            }
        }
        live.removeAll(settled);
        reportFailures(0, text -> stream("stderr", text));
        publishPending();
        tally.cellEnded(cells.nanoTime());
        if (live.isEmpty()) {
            phase = Phase.FINISHED;
            return;
        }
        phase = Phase.BACKGROUND;
        openDisplay();
    }

    /**
     * Publishes the display again if the cell has one, for clients that only read the running cell's messages; a
     * cell started meanwhile. Returns whether the display has finished (its last republication).
     */
    synchronized boolean republish() {
        if (display != null) {
            changed();
        }
        return phase == Phase.FINISHED;
    }

    private BackgroundDisplay openDisplay() {
        if (display == null) {
            display = new BackgroundDisplay(footer());
            lastUpdate = cells.nanoTime();
            cells.frontend().display(parent, display.render(), displayId);
            cells.opened(this);
        }
        return display;
    }

    private String footer() {
        return phase == Phase.BACKGROUND && !live.isEmpty() ? BackgroundTally.running(live) : tally.summary();
    }

    /** Marks the display changed: an update follows within {@value #UPDATE_MILLIS} ms. */
    private synchronized void changed() {
        if (updateScheduled || display == null) {
            return; // the update on its way carries this change too
        }
        updateScheduled = true;
        long since = TimeUnit.NANOSECONDS.toMillis(cells.nanoTime() - lastUpdate);
        cells.scheduler().schedule(this::update, Math.max(0, UPDATE_MILLIS - since), TimeUnit.MILLISECONDS);
    }

    /** Brings the display up to date: recounts the live tasks, reports due failures, finishes when none is left. */
    private synchronized void update() {
        updateScheduled = false;
        long now = cells.nanoTime();
        if (phase == Phase.BACKGROUND) {
            if (live.isEmpty()) {
                phase = Phase.FINISHED;
                tally.finished(now);
                reportFailures(0, text -> display.append("stderr", text));
            } else {
                reportFailures(GRACE_NANOS, text -> display.append("stderr", text));
            }
        }
        display.setFooter(footer());
        lastUpdate = now;
        cells.frontend().updateDisplay(cells.updateParent(this), display.render(), displayId);
    }

    /** Reports each failure nobody retrieved that is at least {@code olderThanNanos} old, and marks it retrieved. */
    private void reportFailures(long olderThanNanos, Consumer<String> out) {
        Map<Task<?>, Throwable> due = tally.takeUnretrieved(cells.nanoTime(), olderThanNanos);
        due.forEach((task, failure) -> {
            out.accept(UnretrievedFailure.describe(task, failure, executionCount, cells.locator()));
            cells.markRetrieved(task);
        });
    }
}
