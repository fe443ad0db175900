package org.javaasync.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor for {@code runInExecutor(null, ...)} and {@code toThread}: the one given to
 * {@link EventLoop#setDefaultExecutor}, else created on first use, a pool of min(32, CPUs + 4) daemon platform threads,
 * the size asyncio gives its default thread pool. Platform threads, because these jobs are typically CPU-bound or
 * blocking and Java, unlike Python, runs them in parallel. After {@link #markShutdown()} it refuses new jobs, as
 * asyncio does after {@code shutdown_default_executor}.
 */
final class DefaultExecutor {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
    private ExecutorService pool;
    private boolean shutdownCalled;

    synchronized ExecutorService get() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called: the loop's default executor takes no"
                    + " more jobs (pass an executor to runInExecutor, or set a new one with setDefaultExecutor)");
        }
        if (pool == null) {
            int size = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            int number = POOL_NUMBER.incrementAndGet();
            AtomicInteger threadNumber = new AtomicInteger();
            pool = Executors.newFixedThreadPool(size, job -> {
                Thread t = new Thread(job, "javaasync-executor-" + number + "-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    synchronized void set(ExecutorService executor) {
        pool = executor;
        shutdownCalled = false;
    }

    /** Refuses new jobs from now on and returns the pool to shut down, or {@code null} if none was made. */
    synchronized ExecutorService markShutdown() {
        shutdownCalled = true;
        return pool;
    }

    synchronized void shutdown(boolean wait) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        if (wait) {
            try {
                pool.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
