package org.javaasync.kernel.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The intervals during which one task held the loop, for a timeline: each runs from the moment the loop mounted the
 * task (its first step, or the step after an {@code await} or a JDK blocking call) until the task suspended, blocked
 * in a JDK call, or finished. A step that computes for a second without awaiting is one interval a second long: that
 * is the task holding the loop, and the timeline must draw it as running.
 *
 * <p>Memory is bounded. When {@link #MAX} intervals are kept and another closes, the intervals separated by the
 * shorter half of the gaps are merged, so a task with a million steps keeps a picture whose detail shrinks to what a
 * drawing a few hundred pixels wide can show; {@link #total()} stays exact.
 *
 * <p>Writes come from the loop's side, one at a time (the {@link org.javaasync.runtime.TaskObserver} contract); reads
 * may come from any thread, hence the lock.
 */
final class RunIntervals {

    /** Intervals kept before the closest ones are merged. */
    static final int MAX = 256;

    private double[] starts = new double[8];
    private double[] ends = new double[8];
    private int size;
    private double openedAt = Double.NaN;
    private double total;

    /** A step starts at {@code now}. A step still open is left as it is (the loop never nests steps of one task). */
    synchronized void open(double now) {
        if (Double.isNaN(openedAt)) {
            openedAt = now;
        }
    }

    /** The open step, if any, ends at {@code now}. */
    synchronized void close(double now) {
        if (Double.isNaN(openedAt)) {
            return;
        }
        double start = openedAt;
        double end = Math.max(now, start);
        openedAt = Double.NaN;
        total += end - start;
        if (size == MAX) {
            mergeCloseIntervals();
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /**
     * The last {@code seconds} up to {@code now} were not the task's own work (the kernel compiling the cell's next
     * statement inside the cell's task): whatever was recorded as running in that window is taken back — also steps
     * already closed, since compiling may block and so end a step — and an open step goes on from {@code now}.
     */
    synchronized void leaveOut(double seconds, double now) {
        double from = now - Math.max(seconds, 0);
        while (size > 0 && ends[size - 1] > from) {
            int last = size - 1;
            if (starts[last] >= from) {
                total -= ends[last] - starts[last];
                size--;
            } else {
                total -= ends[last] - from;
                ends[last] = from;
            }
        }
        if (Double.isNaN(openedAt)) {
            return;
        }
        if (from > openedAt) {
            close(from);
        }
        openedAt = now;
    }

    /** Whether a step is open: the task holds the loop now. */
    synchronized boolean isOpen() {
        return !Double.isNaN(openedAt);
    }

    /** Seconds spent running in closed steps, exactly, merged intervals or not. */
    synchronized double total() {
        return total;
    }

    /** The closed intervals as {@code [start, end]} pairs, oldest first (copies). */
    synchronized List<double[]> intervals() {
        List<double[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new double[] {starts[i], ends[i]});
        }
        return out;
    }

    /**
     * Merges every pair of neighbours whose gap is at most the median gap: at least half the intervals go, so the
     * cost is amortised over as many steps, and only the shortest waits disappear from the picture.
     */
    private void mergeCloseIntervals() {
        double[] gaps = new double[size - 1];
        for (int i = 1; i < size; i++) {
            gaps[i - 1] = starts[i] - ends[i - 1];
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double threshold = sorted[(sorted.length - 1) / 2];
        int kept = 0;
        for (int i = 1; i < size; i++) {
            if (gaps[i - 1] <= threshold) {
                ends[kept] = ends[i];
            } else {
                kept++;
                starts[kept] = starts[i];
                ends[kept] = ends[i];
            }
        }
        size = kept + 1;
    }
}
