package org.javaasync.kernel.evaluator;

import java.util.ArrayList;
import java.util.List;

/**
 * The interrupt of one cell: set at most once, by the kernel, from any thread, and observed by whatever runs the
 * cell. One per cell, so an interrupt meant for a cell can neither be lost because it came before the cell started
 * nor reach the next cell because it came late: it belongs to its cell.
 *
 * <p>Whoever can stop the cell registers how ({@link #onInterrupt}); an action registered after the interrupt runs
 * at once. Thread-safe.
 */
public final class CellInterrupt {

    private final List<Runnable> actions = new ArrayList<>();
    private volatile boolean interrupted;

    /** Interrupts the cell: runs every registered stop action once, in the order registered. */
    public void interrupt() {
        List<Runnable> toRun;
        synchronized (this) {
            if (interrupted) {
                return;
            }
            interrupted = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Whether the cell was interrupted. */
    public boolean isInterrupted() {
        return interrupted;
    }

    /** Runs {@code stop} when the cell is interrupted; at once if it already was. */
    public void onInterrupt(Runnable stop) {
        synchronized (this) {
            if (!interrupted) {
                actions.add(stop);
                return;
            }
        }
        stop.run();
    }
}
