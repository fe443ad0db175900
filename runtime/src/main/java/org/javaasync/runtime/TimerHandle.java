package org.javaasync.runtime;

/**
 * A callback scheduled for a point in time with {@link EventLoop#callLater} or {@link EventLoop#callAt} (asyncio's
 * {@code TimerHandle}). Timers due at the same time run in the order they were scheduled.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    private final double when;
    private final long sequence;

    TimerHandle(double when, long sequence, Runnable callback, Object context) {
        super(callback, context);
        this.when = when;
        this.sequence = sequence;
    }

    /**
     * Returns the loop time at which the callback is due.
     *
     * @return the due time, in the loop's clock, in seconds
     */
    public double when() {
        return when;
    }

    @Override
    public int compareTo(TimerHandle other) {
        int byTime = Double.compare(when, other.when);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
}
