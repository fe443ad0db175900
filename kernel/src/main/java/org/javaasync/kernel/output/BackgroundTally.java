package org.javaasync.kernel.output;

import java.util.Collection;
import java.util.Locale;
import org.javaasync.runtime.Task;

/**
 * The counts a cell's background display shows: how many of its tasks finished after the cell ended, how many of
 * them failed or were cancelled, and how long they ran on. A plain model, guarded by the cell's {@link CellOutput}.
 */
final class BackgroundTally {

    private static final int NAMES_SHOWN = 5;

    private long endedNanos;
    private long finishedNanos;
    private int done;
    private int failed;
    private int cancelled;

    /** The cell's code ended at {@code nanos}: from now on, finished tasks are background tasks. */
    void cellEnded(long nanos) {
        endedNanos = nanos;
    }

    /** The last background task finished at {@code nanos}. */
    void finished(long nanos) {
        finishedNanos = nanos;
    }

    /** Counts a task of the cell that finished after the cell ended. */
    void countBackground(Task<?> task, boolean failure) {
        done++;
        if (failure) {
            failed++;
        } else if (task.isCancelled()) {
            cancelled++;
        }
    }

    /** "⏳ 2 tasks of this cell still running: bg, worker-3". */
    static String running(Collection<Task<?>> live) {
        StringBuilder names = new StringBuilder();
        int i = 0;
        for (Task<?> task : live) {
            if (i == NAMES_SHOWN) {
                names.append(" and ").append(live.size() - NAMES_SHOWN).append(" more");
                break;
            }
            names.append(i++ == 0 ? "" : ", ").append(task.getName());
        }
        int n = live.size();
        return "⏳ " + n + (n == 1 ? " task" : " tasks") + " of this cell still running: " + names;
    }

    /** "✔ 2 background tasks finished in 3.1 s", or "✖ 1 of 2 background tasks failed (3.1 s)". */
    String summary() {
        if (done == 0) {
            return "(written after the cell ended)";
        }
        String seconds = String.format(Locale.ROOT, "%.1f s", (finishedNanos - endedNanos) / 1e9);
        String tasks = done == 1 ? "task" : "tasks";
        String cancelledNote = cancelled == 0 ? "" : cancelled + " cancelled";
        if (failed > 0) {
            return "✖ " + failed + " of " + done + " background " + tasks + " failed (" + seconds
                    + (cancelledNote.isEmpty() ? "" : ", " + cancelledNote) + ")";
        }
        return "✔ " + done + " background " + tasks + " finished in " + seconds
                + (cancelledNote.isEmpty() ? "" : " (" + cancelledNote + ")");
    }
}
