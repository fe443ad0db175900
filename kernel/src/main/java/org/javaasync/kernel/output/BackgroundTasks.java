package org.javaasync.kernel.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.trace.UnretrievedFailure;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;

/**
 * What happens to a cell when it ends while tasks it started still run: the cell gets a {@link BackgroundDisplay}
 * ("⏳ 2 tasks of this cell still running: bg, worker-3") that shows their later output live, and a summary line when
 * the last of them finishes ("✔ 2 background tasks finished in 3.1 s").
 *
 * <p>Failures are never silent: a task of the cell that failed and whose exception nobody retrieved (awaited it,
 * asked for its result or exception) is reported in the cell as asyncio reports it, "Task exception was never
 * retrieved", when the cell ends (for tasks already done), in its background display once the failure is a second old
 * and still unretrieved, and at the latest when that display finishes. Reporting
 * marks the exception retrieved, so the runtime does not report it a second time when the task is collected.
 */
public final class BackgroundTasks {

    private static final Logger LOG = Logger.getLogger(BackgroundTasks.class.getName());
    private static final int NAMES_SHOWN = 5;
    /**
     * How long a failure of a background task may stay unretrieved while other tasks of its cell still run before
     * it is reported anyway: a sibling that awaits it (gather, a consumer) normally does so at once.
     */
    static final long GRACE_NANOS = 1_000_000_000L;

    /** What is known of one cell's tasks; guarded by itself. */
    private static final class CellTasks {
        boolean ended;
        boolean finished;
        long endedNanos;
        long finishedNanos;
        /** {@link #doneInBackground} when no live task was first seen, or -1: finishing takes two looks. */
        int doneWhenEmpty = -1;

        int doneInBackground;
        int failedInBackground;
        int cancelledInBackground;
        /** Failed tasks not reported yet, with when their failure was seen ({@link System#nanoTime()}). */
        final Map<Task<?>, Long> failed = new LinkedHashMap<>();

        synchronized boolean isFinished() {
            return finished;
        }
    }

    private final TaskRegistry<CellOutput> registry;
    private final EventLoop loop;
    private final OutputRouter router;
    private final Function<StackTraceElement, String> locator;
    private final Map<CellOutput, CellTasks> cells = new ConcurrentHashMap<>();
    /** Displays to publish again when the next cell starts (see {@link #cellStarted}). */
    private final Set<CellOutput> republish = ConcurrentHashMap.newKeySet();

    /**
     * Watches {@code registry}'s tasks, whose loop is {@code loop}; {@code router} says which cell executes;
     * {@code locator} places frames of cell code at their cell and line in failure reports.
     */
    public BackgroundTasks(
            TaskRegistry<CellOutput> registry,
            EventLoop loop,
            OutputRouter router,
            Function<StackTraceElement, String> locator) {
        this.registry = registry;
        this.loop = loop;
        this.router = router;
        this.locator = locator;
        registry.onDone(this::taskDone);
        router.onBegin(this::cellStarted);
    }

    /**
     * A cell starts: background displays still open, or finished since the last cell started, are published again
     * under it, so that a client that only reads the running cell's messages ({@code nbclient}) sees their latest
     * state even if an update fell between two cells.
     */
    private void cellStarted(CellOutput started) {
        for (CellOutput cell : republish) {
            BackgroundDisplay display = cell.background();
            if (display != null) {
                display.changed();
            }
            CellTasks state = cells.get(cell);
            if (state == null || state.isFinished()) {
                republish.remove(cell); // finished: this was its last republication
                cells.remove(cell);
            }
        }
    }

    /** Runs on the loop's side when any task finishes: remembers failures, counts background tasks. */
    private void taskDone(TaskRegistry.Entry<CellOutput> entry) {
        CellOutput cell = entry.context();
        if (cell == null) {
            return;
        }
        Task<?> task = entry.task();
        boolean failed = task.unretrievedException() != null;
        CellTasks state = cells.computeIfAbsent(cell, c -> new CellTasks());
        BackgroundDisplay display = null;
        synchronized (state) {
            if (failed) {
                state.failed.put(task, System.nanoTime());
            }
            if (state.ended) {
                state.doneInBackground++;
                if (failed) {
                    state.failedInBackground++;
                } else if (task.isCancelled()) {
                    state.cancelledInBackground++;
                }
                display = cell.background();
            }
        }
        if (display != null) {
            display.changed(); // the next update recounts the live tasks and may finish the display
            if (failed) {
                // Other tasks may run on for long: look again once the failure had time to be retrieved.
                CompletableFuture.delayedExecutor(GRACE_NANOS + 50_000_000L, TimeUnit.NANOSECONDS)
                        .execute(display::changed);
            }
        } else if (cell.ended()) {
            // A task of a cell that ended without a background display (its done listener ran late, or a thread the
            // cell left behind created it): report a failure at once, keep no state.
            if (failed) {
                report(cell, state);
            }
            cells.remove(cell, state);
        }
    }

    /**
     * Called when the cell's code has finished, before its reply and {@code idle}: reports failures nobody
     * retrieved, and opens the background display if tasks of the cell still run. Called on the execution thread.
     */
    public void cellEnded(CellOutput cell) {
        CellTasks state = cells.computeIfAbsent(cell, c -> new CellTasks());
        List<TaskRegistry.Entry<CellOutput>> live;
        synchronized (state) {
            state.ended = true;
            state.endedNanos = System.nanoTime();
            cell.markEnded();
            live = registry.live(cell);
            reportFailures(cell, state, text -> cell.stream("stderr", text), 0);
            if (live.isEmpty()) {
                state.finished = true;
                cells.remove(cell);
                cell.flush(); // the reports must go out before the cell's idle
                return;
            }
            cell.toBackground(
                    running(live),
                    () -> {
                        CellOutput executing = router.executing();
                        return (executing != null ? executing : cell).request();
                    },
                    display -> refresh(cell, state, display));
            republish.add(cell);
        }
    }

    /** Before each update of a cell's display: recount its live tasks, or finish the display when none is left. */
    private void refresh(CellOutput cell, CellTasks state, BackgroundDisplay display) {
        synchronized (state) {
            if (!state.finished) {
                List<TaskRegistry.Entry<CellOutput>> live = registry.live(cell);
                if (!live.isEmpty()) {
                    state.doneWhenEmpty = -1;
                    reportFailures(cell, state, text -> display.append("stderr", text), GRACE_NANOS);
                    display.setFooter(running(live));
                    return;
                }
                // A task leaves the registry just before its done listener runs, and that listener may be waiting
                // for this lock: finish only when a second look, one update later, saw no task finish meanwhile.
                if (state.doneWhenEmpty != state.doneInBackground) {
                    if (state.doneWhenEmpty < 0) {
                        state.finishedNanos = System.nanoTime();
                    }
                    state.doneWhenEmpty = state.doneInBackground;
                    scheduleLook(display); // changed() now would be swallowed: this update is being rendered
                    return;
                }
                state.finished = true;
            }
            // Straight into the display: going through the cell's lock here could deadlock with a task printing.
            reportFailures(cell, state, text -> display.append("stderr", text), 0);
            display.setFooter(summary(state));
        }
    }

    /** Asks for one more update of {@code display} a period from now (the second look before finishing). */
    private void scheduleLook(BackgroundDisplay display) {
        CompletableFuture.delayedExecutor(BackgroundDisplay.PERIOD_MILLIS, TimeUnit.MILLISECONDS)
                .execute(display::changed);
    }

    private void report(CellOutput cell, CellTasks state) {
        synchronized (state) {
            reportFailures(cell, state, text -> cell.stream("stderr", text), 0);
        }
    }

    /**
     * Writes "Task exception was never retrieved" for each failed task nobody looked at whose failure is at least
     * {@code olderThanNanos} old, and forgets it (retrieved ones are forgotten too).
     */
    private void reportFailures(CellOutput cell, CellTasks state, Consumer<String> out, long olderThanNanos) {
        long now = System.nanoTime();
        for (var it = state.failed.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Task<?> task = entry.getKey();
            Throwable failure = task.unretrievedException();
            if (failure == null) {
                it.remove();
                continue;
            }
            if (now - entry.getValue() < olderThanNanos) {
                continue;
            }
            it.remove();
            out.accept(UnretrievedFailure.describe(task, failure, cell.executionCount(), locator));
            // Retrieve it on the loop (exception() is loop-confined) so the runtime's GC report stays quiet.
            loop.callSoonThreadsafe(() -> {
                try {
                    task.exception();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "marking a reported failure retrieved", e);
                }
            });
        }
    }

    /** "⏳ 2 tasks of this cell still running: bg, worker-3". */
    static String running(List<TaskRegistry.Entry<CellOutput>> live) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(NAMES_SHOWN, live.size()); i++) {
            names.append(i == 0 ? "" : ", ").append(live.get(i).task().getName());
        }
        if (live.size() > NAMES_SHOWN) {
            names.append(" and ").append(live.size() - NAMES_SHOWN).append(" more");
        }
        int n = live.size();
        return "⏳ " + n + (n == 1 ? " task" : " tasks") + " of this cell still running: " + names;
    }

    /** "✔ 2 background tasks finished in 3.1 s", or "✖ 1 of 2 background tasks failed (3.1 s)". */
    private static String summary(CellTasks state) {
        int n = state.doneInBackground;
        String seconds = String.format(Locale.ROOT, "%.1f s", (state.finishedNanos - state.endedNanos) / 1e9);
        String cancelled = state.cancelledInBackground == 0 ? "" : ", " + state.cancelledInBackground + " cancelled";
        if (state.failedInBackground > 0) {
            return "✖ " + state.failedInBackground + " of " + n + " background " + (n == 1 ? "task" : "tasks")
                    + " failed (" + seconds + cancelled + ")";
        }
        return "✔ " + n + " background " + (n == 1 ? "task" : "tasks") + " finished in " + seconds
                + (cancelled.isEmpty() ? "" : " (" + cancelled.substring(2) + ")");
    }
}
