package org.javaasync.kernel.loop;

import java.util.function.DoubleSupplier;
import org.javaasync.runtime.EventLoop;

/**
 * For tests on the virtual clock: the loop's virtual time plus the seconds of computation the tasks declared with
 * {@link #compute}. A virtual clock stands still while a step runs; this one moves as a real clock does while a step
 * computes and holds the loop. The loop's own timers stay on virtual time.
 */
public final class ComputingClock implements DoubleSupplier {
    private final EventLoop loop;
    private double computed;

    /** A clock over {@code loop}'s time, with no computation yet. */
    public ComputingClock(EventLoop loop) {
        this.loop = loop;
    }

    /** Stands for {@code seconds} of CPU-bound work in the running step. Loop thread only. */
    public void compute(double seconds) {
        computed += seconds;
    }

    @Override
    public double getAsDouble() {
        return loop.time() + computed;
    }
}
