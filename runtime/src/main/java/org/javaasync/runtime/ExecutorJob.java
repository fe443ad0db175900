package org.javaasync.runtime;

import java.util.concurrent.Callable;

/**
 * A job of {@link EventLoop#runInExecutor}: runs on the executor's thread and hands the outcome back to the loop
 * with {@code callSoonThreadsafe}. Counted as outside work from submission until the outcome is back on the loop.
 */
final class ExecutorJob<T> implements Runnable {
    private final EventLoop loop;
    private final AsyncFuture<T> future;
    private final Callable<T> job;

    ExecutorJob(EventLoop loop, AsyncFuture<T> future, Callable<T> job) {
        this.loop = loop;
        this.future = future;
        this.job = job;
    }

    @Override
    public void run() {
        if (future.isCancelled()) {
            handBack(loop::outsideWorkFinished);
            return;
        }
        T value = null;
        Throwable failure = null;
        try {
            value = job.call();
        } catch (Throwable t) {
            failure = t;
        }
        T v = value;
        Throwable f = failure;
        handBack(() -> {
            loop.outsideWorkFinished();
            if (future.isDone()) {
                return;
            }
            if (f != null) {
                future.setException(f);
            } else {
                future.setResult(v);
            }
        });
    }

    private void handBack(Runnable onLoop) {
        if (!loop.isClosed()) { // after close nobody can await the outcome any more
            loop.callSoonThreadsafe(onLoop);
        }
    }
}
