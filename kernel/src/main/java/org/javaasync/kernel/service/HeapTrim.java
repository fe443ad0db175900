package org.javaasync.kernel.service;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Gives memory back after a cell that made the heap grow. The kernel's serial collector returns free heap to the
 * system only at a full collection (beyond {@code -XX:MaxHeapFreeRatio}), and an idle kernel collects nothing: after
 * a cell that filled the heap (an {@code OutOfMemoryError}, a big intermediate result), RSS would stay gigabytes
 * high for the rest of the session. So after a cell, when the heap holds more than {@value #THRESHOLD_MB} MB, one
 * full collection runs on the kernel's scheduler thread. A collection that frees little (a session that really
 * holds that much) makes the next one wait twice as long, up to {@value #MAX_BACKOFF_SECONDS} s.
 */
final class HeapTrim {

    private static final Logger LOG = Logger.getLogger(HeapTrim.class.getName());
    static final long THRESHOLD_MB = 512;
    static final long MIN_BACKOFF_SECONDS = 10;
    static final long MAX_BACKOFF_SECONDS = 600;

    private final ScheduledExecutorService scheduler;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long nextAllowedNanos;
    private long backoffSeconds = MIN_BACKOFF_SECONDS;
    private boolean scheduled;

    HeapTrim(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** A cell has ended: collect soon if the heap is large and the last collection was not just now. */
    synchronized void afterCell() {
        long committed = memory.getHeapMemoryUsage().getCommitted();
        if (scheduled || committed < (THRESHOLD_MB << 20) || System.nanoTime() < nextAllowedNanos) {
            return;
        }
        scheduled = true;
        scheduler.schedule(this::collect, 200, TimeUnit.MILLISECONDS); // after the reply has gone out
    }

    private void collect() {
        long before = memory.getHeapMemoryUsage().getCommitted();
        System.gc();
        long after = memory.getHeapMemoryUsage().getCommitted();
        synchronized (this) {
            scheduled = false;
            backoffSeconds =
                    after > before * 3 / 4 ? Math.min(backoffSeconds * 2, MAX_BACKOFF_SECONDS) : MIN_BACKOFF_SECONDS;
            nextAllowedNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(backoffSeconds);
        }
        LOG.fine(() -> "heap committed " + (before >> 20) + " MB -> " + (after >> 20) + " MB");
    }
}
