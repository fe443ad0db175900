package org.javaasync.kernel.loop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;

/**
 * The event loop of a kernel: created with the kernel (and anew on restart), run forever on the kernel-owned thread
 * {@code event-loop}, and shared by every task of every cell. Owning the thread matters: JShell's stop machinery and
 * the interrupt checks target the threads that run snippet code, never the loop's own.
 *
 * <p>Other threads reach the loop only through {@link #call} and {@link EventLoop#callSoonThreadsafe}.
 */
public final class KernelLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KernelLoop.class.getName());

    private final EventLoop loop;
    private final Thread thread;

    private KernelLoop(EventLoop loop) {
        this.loop = loop;
        this.thread = Thread.ofPlatform().name("event-loop").daemon(true).unstarted(this::runLoop);
    }

    /** Creates a loop and starts running it on its own thread. */
    public static KernelLoop start() {
        KernelLoop kernelLoop = new KernelLoop(EventLoop.builder().build());
        kernelLoop.thread.start();
        return kernelLoop;
    }

    private void runLoop() {
        try {
            loop.runForever();
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "the event loop stopped with an error", t);
        }
    }

    /** The loop itself. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs {@code job} on the loop thread and waits for its result; runs it directly when called on the loop thread.
     *
     * @throws IllegalStateException if the job failed, or the loop did not run it within {@code timeout}
     */
    public <T> T call(Callable<T> job, Duration timeout) {
        if (loop.inEventLoop()) {
            try {
                return job.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                result.complete(job.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the event loop did not answer within " + timeout.toMillis()
                            + " ms: a task is probably running CPU-bound code without awaiting",
                    e);
        }
    }

    /**
     * Cancels every task, gives their cleanup (which may await) up to {@code grace} to finish, then stops and closes
     * the loop. Tasks still running after that are abandoned with the loop; the count is logged.
     */
    public void shutdown(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            List<Task<?>> tasks = call(() -> List.copyOf(loop.allTasks()), grace);
            if (!tasks.isEmpty()) {
                call(
                        () -> {
                            tasks.forEach(t -> t.cancel("the kernel is shutting down"));
                            return null;
                        },
                        grace);
                while (System.nanoTime() < deadline && tasks.stream().anyMatch(t -> !t.isDone())) {
                    Thread.sleep(10);
                }
                long left = tasks.stream().filter(t -> !t.isDone()).count();
                if (left > 0) {
                    LOG.warning(left + " task(s) did not finish their cleanup within " + grace.toMillis() + " ms");
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            LOG.log(Level.WARNING, "shutting the event loop down: " + e.getMessage(), e);
        }
        loop.callSoonThreadsafe(loop::stop);
        try {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            try {
                loop.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the loop", e);
            }
        }
    }

    /** Shuts down with a 2 s grace period. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2));
    }
}
