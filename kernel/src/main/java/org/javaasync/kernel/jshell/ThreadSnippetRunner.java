package org.javaasync.kernel.jshell;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.evaluator.SnippetRunner;
import org.javaasync.kernel.evaluator.Uninterruptibly;

/**
 * The default {@link SnippetRunner}: runs every snippet on one kernel-owned platform thread named
 * {@code jshell-cell}, so that neither JShell's threads nor the kernel's ever run user code and an interrupt can
 * target exactly the thread of the running cell.
 *
 * <p>{@link #interrupt()} interrupts that thread (which ends {@code Thread.sleep}, {@code BlockingQueue.take} and
 * other interruptible waits). If the snippet still has not finished after a grace period (it is stuck in code that
 * neither checks interrupts nor was instrumented, such as a JDK method that loops forever), the runner gives up on
 * that thread: {@link #run} throws {@link CellInterruptedError} and the next snippet runs on a fresh thread. The
 * abandoned thread is a daemon and cannot keep the JVM alive.
 */
public final class ThreadSnippetRunner implements SnippetRunner, AutoCloseable {

    private static final AtomicInteger ABANDONED = new AtomicInteger();

    private final Duration grace;
    private Worker worker;
    private volatile Worker running;
    private volatile CompletableFuture<Object> pending;

    /** A runner that abandons a snippet thread 2 s after an interrupt it ignored. */
    public ThreadSnippetRunner() {
        this(Duration.ofSeconds(2));
    }

    /** A runner that abandons a snippet thread {@code grace} after an interrupt it ignored. */
    public ThreadSnippetRunner(Duration grace) {
        this.grace = grace;
    }

    /** {@inheritDoc} Blocks, without being interruptible itself, until the snippet is done or abandoned. */
    @Override
    public Object run(Callable<Object> snippet) throws Throwable {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Worker w = worker();
        pending = result;
        running = w;
        w.jobs.add(() -> {
            try {
                result.complete(snippet.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return Uninterruptibly.get(result);
        } finally {
            running = null;
            pending = null;
        }
    }

    @Override
    public void interrupt() {
        Worker w = running;
        CompletableFuture<Object> result = pending;
        if (w == null || result == null) {
            return;
        }
        w.thread.interrupt();
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (!result.isDone()) {
                        // Abandon first: whoever sees the failure may run the next snippet at once, and it must not be
                        // queued
                        // behind the stuck one. A snippet that finishes in between only costs a fresh thread.
                        abandon(w);
                        result.completeExceptionally(new CellInterruptedError());
                    }
                });
    }

    /** Ends the snippet thread once it is idle; a later {@link #run} starts a new one. */
    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.retired = true;
            worker.thread.interrupt();
            worker = null;
        }
    }

    private synchronized Worker worker() {
        if (worker == null || worker.retired) {
            worker = new Worker();
        }
        return worker;
    }

    private synchronized void abandon(Worker w) {
        w.retired = true;
        w.thread.setName("jshell-cell-abandoned-" + ABANDONED.incrementAndGet());
        if (worker == w) {
            worker = null;
        }
    }

    /** One snippet thread and its queue of snippets. */
    private static final class Worker {
        final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
        final Thread thread;
        volatile boolean retired;

        Worker() {
            thread = Thread.ofPlatform().name("jshell-cell").daemon(true).unstarted(this::loop);
            thread.start();
        }

        private void loop() {
            while (!retired) {
                Runnable job;
                try {
                    job = jobs.take();
                } catch (InterruptedException e) {
                    continue; // a late interrupt of a finished snippet: nothing to stop
                }
                Thread.interrupted(); // start every snippet with a clear interrupt status
                job.run();
            }
        }
    }
}
