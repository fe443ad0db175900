package org.javaasync.runtime;

/**
 * Virtual time for deterministic tests, in the spirit of kotlinx.coroutines' {@code runTest}: time starts at 0 and
 * moves only when the loop has nothing to do.
 *
 * <p><b>The rule.</b> When the ready queue is empty and no task is runnable, the loop advances this clock straight to
 * the due time of the next timer instead of sleeping, <em>unless work is in flight outside the loop</em>: a task
 * blocked in a real JDK call ({@code Thread.sleep}, socket I/O, {@code BlockingQueue.take}), a job submitted with
 * {@link EventLoop#runInExecutor} or {@link Asyncio#toThread}, or a {@link java.util.concurrent.CompletionStage}
 * being awaited. While such work is in flight the loop waits for it in real time, so it is never skipped over; a
 * program that waits for outside work forever therefore waits forever, as it would with a real clock. Corollary: a
 * task blocked in a JDK call that only another task of the same loop can release after a timer (a monitor held across
 * an {@code await}, a {@code BlockingQueue} filled by a task after a {@code sleep}) stops virtual time for good;
 * between
 * tasks, use the runtime's primitives ({@code org.javaasync.runtime.sync}), which wait in {@code await}.
 *
 * <p>A {@code VirtualClock} belongs to one loop; it is not thread-safe.
 */
public final class VirtualClock implements Clock {
    private double now;

    /** Creates a virtual clock at time 0. */
    public VirtualClock() {}

    @Override
    public double time() {
        return now;
    }

    /** Moves time forward to {@code when}; never backwards. Called by the loop only. */
    void advanceTo(double when) {
        if (when > now) {
            now = when;
        }
    }
}
