package org.javaasync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the loop's thread, which runs every task of a workload: unlike wall time it does not grow when other
 * processes take the cores, so old and new builds can be compared on a busy machine ({@code Bench --cpu}). It leaves
 * out the collector's and the JIT compiler's threads, and W8's completing thread.
 */
final class LoopCpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long loopThreadId;

    /** A clock of the calling thread, which must be the thread that runs the loops. */
    LoopCpuClock() {
        this.loopThreadId = Thread.currentThread().threadId();
    }

    /** The loop thread's CPU time in nanoseconds; callable from the tasks it carries. */
    long now() {
        return THREADS.getThreadCpuTime(loopThreadId);
    }
}
