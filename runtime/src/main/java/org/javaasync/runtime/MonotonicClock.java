package org.javaasync.runtime;

/**
 * Real, monotonic time from {@link System#nanoTime()}, in seconds since the clock was created. The default clock of
 * every {@link EventLoop}: the loop sleeps (parks its thread) until the next timer is due.
 */
public final class MonotonicClock implements Clock {
    private final long origin = System.nanoTime();

    /** Creates a clock whose time starts at 0 now. */
    public MonotonicClock() {}

    @Override
    public double time() {
        return (System.nanoTime() - origin) / 1e9;
    }
}
