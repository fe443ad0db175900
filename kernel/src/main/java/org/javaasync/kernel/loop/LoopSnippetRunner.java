package org.javaasync.kernel.loop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.evaluator.SnippetRunner;
import org.javaasync.kernel.evaluator.Uninterruptibly;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;

/**
 * Runs every cell as one task on the kernel's loop, so that {@code await} works at the top level of a cell and
 * {@code currentTask()} in a cell names the cell's task. The task compiles and runs the cell's snippets one after
 * the other without giving the loop away in between: other tasks, including those earlier cells started, run only
 * where the cell awaits, exactly as with an asyncio cell. The kernel's thread that asked for the cell waits for the
 * task. (A snippet run outside a cell task, such as a user expression, becomes a task of its own.)
 *
 * <p>{@link #interrupt()} cancels the snippet's task: a {@code CancelledError} is raised at its current
 * {@code await} (its {@code finally} blocks run and may await) and a blocking JDK call it is in is interrupted. If
 * the task has not finished {@code grace} after that (it is stuck in code that neither awaits nor was
 * instrumented), the runner stops waiting for it: the cell ends interrupted and the task is left to the loop.
 */
public final class LoopSnippetRunner implements SnippetRunner {

    /** What the kernel adds around the creation of each snippet's task: its name and the cell context it carries. */
    public interface CellContext {
        /** The name of the task for the snippet about to run, e.g. {@code cell[3]}. */
        String taskName();

        /**
         * Captures the calling thread's cell context and returns a wrapper that runs a job inside it on another
         * thread (the loop's), so that the task created by the job, and the tasks it creates, inherit it.
         */
        UnaryOperator<Runnable> capture();

        /**
         * The cell's task has not started after {@link #WAIT_NOTICE}: the loop is busy. Says so in the cell, naming
         * what holds the loop if a task does. Called on a timer thread while the cell waits.
         */
        void waitingForLoop();

        /**
         * The last {@code seconds} of {@code task}'s step were the kernel's (JShell compiling the next statement), for
         * tools that show when tasks ran. Called on the loop's side, in that task.
         */
        default void kernelWork(Task<?> task, double seconds) {}
    }

    /** How long a cell waits for the loop before it says so. */
    public static final Duration WAIT_NOTICE = Duration.ofSeconds(1);

    private static final Object NOTHING = new Object();

    private final EventLoop loop;
    private final CellContext context;
    private final Duration grace;
    private volatile Task<Object> current;
    private volatile CompletableFuture<Object> pending;
    private volatile Task<Object> cellTask;
    private volatile long lastStatementEnded;

    /** A runner on {@code loop} that gives an interrupted task {@code grace} to finish its cleanup. */
    public LoopSnippetRunner(EventLoop loop, CellContext context, Duration grace) {
        this.loop = loop;
        this.context = context;
        this.grace = grace;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T runCell(Callable<T> cell) throws Exception {
        try {
            return (T) runAsTask(cell::call, true);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public Object run(Callable<Object> snippet) throws Throwable {
        Task<Object> cell = cellTask;
        if (cell != null && Task.current() == cell) {
            // Already inside the cell's task: no switch between statements. The time since the last statement ended
            // went to JShell compiling this one, which is the kernel's work, not the user's: debug mode's slow-step
            // report should judge only the user's code.
            kernelWork(System.nanoTime() - lastStatementEnded);
            try {
                return snippet.call();
            } finally {
                lastStatementEnded = System.nanoTime();
            }
        }
        return runAsTask(snippet, false);
    }

    /** The last {@code nanos} of the running step were the kernel's: debug mode and the timeline leave them out. */
    private void kernelWork(long nanos) {
        loop.excludeFromStep(nanos);
        context.kernelWork(Task.current(), nanos / 1e9);
    }

    private Object runAsTask(Callable<Object> body, boolean wholeCell) throws Throwable {
        // A cell's body reports its own interruption in the outcome it returns; if the task is then marked cancelled
        // (asyncio cancels a task whose cancel request was never delivered at an await), the outcome still counts.
        AtomicReference<Object> returned = new AtomicReference<>(NOTHING);
        CompletableFuture<Object> result = new CompletableFuture<>();
        // The outcome is handed over from inside the task, as its body ends: a done callback would run only when the
        // loop gets to it, which is never while a task the cell started holds the loop.
        Callable<Object> snippet = () -> {
            try {
                Object value = body.call();
                if (wholeCell) {
                    // Declarations compiled after the last statement ran, and the evaluator's bookkeeping: kernel
                    // work too.
                    kernelWork(System.nanoTime() - lastStatementEnded);
                }
                returned.set(value);
                result.complete(value);
                return value;
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
                throw e;
            }
        };
        pending = result;
        String name = context.taskName();
        CompletableFuture<Void> started = new CompletableFuture<>();
        loop.callSoonThreadsafe(context.capture().apply(() -> {
            Task<Object> task = loop.createTask(Asyncio.async(name, snippet::call), name);
            current = task;
            started.complete(null);
            if (wholeCell) {
                cellTask = task;
                lastStatementEnded = System.nanoTime();
            }
            // For a task cancelled before its body ran, whose body therefore handed nothing over.
            task.addDoneCallback(done -> {
                if (done.isCancelled() && returned.get() != NOTHING) {
                    result.complete(returned.get());
                } else if (done.isCancelled()) {
                    try {
                        done.result(); // throws the CancelledError, whose trace shows the await it hit
                        result.completeExceptionally(new CellInterruptedError());
                    } catch (Throwable cancelled) {
                        result.completeExceptionally(cancelled);
                    }
                } else if (done.exception() != null) {
                    result.completeExceptionally(done.exception());
                } else {
                    result.complete(done.result());
                }
            });
        }));
        try {
            if (wholeCell) {
                started.completeOnTimeout(null, WAIT_NOTICE.toMillis(), TimeUnit.MILLISECONDS)
                        .thenRun(() -> {
                            if (!result.isDone() && current == null) {
                                context.waitingForLoop();
                            }
                        });
            }
            Object value = Uninterruptibly.get(result);
            awaitFinished(current);
            return value;
        } finally {
            current = null;
            pending = null;
            if (wholeCell) {
                cellTask = null;
            }
        }
    }

    /**
     * Waits the few microseconds from the end of a task's body to the end of the task itself (its result set, the
     * kernel told it is done), which need no loop turn: the cell must end with its own task done, or the cell would
     * count it among the tasks it leaves behind. Bounded, for a task whose thread the machine does not schedule.
     */
    private static void awaitFinished(Task<?> task) {
        if (task == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!task.isDone() && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    @Override
    public void interrupt() {
        CompletableFuture<Object> result = pending;
        if (result == null) {
            return;
        }
        loop.callSoonThreadsafe(() -> {
            Task<Object> task = current;
            if (task != null) {
                task.cancel("interrupted by the user");
            }
        });
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(new CellInterruptedError()));
    }

    /** The task of the snippet running now, or {@code null}. */
    public Task<Object> currentTask() {
        return current;
    }
}
