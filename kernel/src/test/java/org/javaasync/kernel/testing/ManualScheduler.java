package org.javaasync.kernel.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a clock that only the test moves: a delayed job runs when {@link #advance} passes its time, on the
 * test's thread, so tests of flushing and updating assert exact outcomes without sleeping. {@link #nanoTime()} is
 * the clock, for the code under test to read.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private record Job(long at, long order, Runnable body) {}

    private final PriorityQueue<Job> jobs =
            new PriorityQueue<>(Comparator.comparingLong(Job::at).thenComparingLong(Job::order));
    private long now;
    private long order;

    /** The test clock, in nanoseconds. */
    public synchronized long nanoTime() {
        return now;
    }

    /** Moves the clock forward by {@code millis}, running every job that falls due, in time order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + TimeUnit.MILLISECONDS.toNanos(millis);
        }
        while (true) {
            Job next;
            synchronized (this) {
                next = jobs.peek();
                if (next == null || next.at() > target) {
                    now = target;
                    return;
                }
                jobs.poll();
                now = Math.max(now, next.at());
            }
            next.body().run();
        }
    }

    /** How many jobs wait. */
    public synchronized int pending() {
        return jobs.size();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        jobs.add(new Job(now + unit.toNanos(Math.max(0, delay)), order++, command));
        return null; // the code under test never cancels its jobs
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
