package org.javaasync.kernel.loop;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.javaasync.kernel.evaluator.CellInterrupts;
import org.javaasync.runtime.Task;

/**
 * Knows what holds the kernel's event loop and stops it. A task that runs without awaiting (a CPU loop, a call that
 * never returns) holds the one loop every cell shares: no other task runs, no cell can start, and a cancellation
 * never reaches it, because asyncio delivers one only at an await. The guard answers from the task registry's
 * record of the running step, without asking the loop, so it answers while the loop is held; and it stops the
 * holder through the interrupt checks compiled into cell code ({@link CellInterrupts#cancelTask}), so that the
 * task ends cancelled at its next loop iteration, its {@code finally} blocks run, and the loop is free. Any thread.
 *
 * @param <C> the kernel's cell context
 */
public final class LoopGuard<C> {

    /** A step held longer than this counts as holding the loop: an ordinary step takes microseconds. */
    public static final Duration HOLDING = Duration.ofMillis(200);

    /**
     * A task that holds the loop: the task, its cell, whether it is the cell's own task (not one its code started),
     * since when.
     */
    public record Hold<C>(Task<?> task, C context, boolean cellsOwn, long startNanos) {

        /** How long it has held the loop. */
        public double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    private final KernelLoop loop;
    private final TaskRegistry<C> registry;
    private final ToIntFunction<C> cellNumber;

    /**
     * @param cellNumber the execution count of a cell context, for messages ({@code In [3]})
     */
    public LoopGuard(KernelLoop loop, TaskRegistry<C> registry, ToIntFunction<C> cellNumber) {
        this.loop = loop;
        this.registry = registry;
        this.cellNumber = cellNumber;
    }

    /** The task holding the loop for longer than {@code longerThan}, or {@code null}. */
    public Hold<C> hold(Duration longerThan) {
        TaskRegistry.Step<C> step = registry.running();
        if (step == null || System.nanoTime() - step.startNanos() < longerThan.toNanos()) {
            return null;
        }
        boolean cellsOwn = step.entry() != null && step.entry().root();
        return new Hold<>(step.task(), step.context(), cellsOwn, step.startNanos());
    }

    /** Whether {@code hold} still holds the loop: the same task, in the same step. */
    public boolean stillHolds(Hold<C> hold) {
        TaskRegistry.Step<C> step = registry.running();
        return step != null && step.task() == hold.task() && step.startNanos() == hold.startNanos();
    }

    /**
     * Cancels {@code task}, whether it holds the loop or waits: if it runs, its code raises a {@code CancelledError}
     * at its next interrupt check; in any case the cancellation is queued on the loop, for the next await it reaches.
     */
    public void cancel(Task<?> task, String message) {
        cancel(List.of(task), message);
    }

    /** Cancels every task of {@code tasks} as {@link #cancel(Task, String)} does, with one turn of the loop. */
    public void cancel(Collection<? extends Task<?>> tasks, String message) {
        TaskRegistry.Step<C> step = registry.running();
        if (step != null && tasks.contains(step.task())) {
            CellInterrupts.cancelTask(step.task(), message);
        }
        List<Task<?>> all = List.copyOf(tasks);
        loop.loop().callSoonThreadsafe(() -> {
            for (Task<?> task : all) {
                CellInterrupts.clearTask(task); // done or reached an await: nothing is left to stop in its code
                task.cancel(message);
            }
        });
    }

    /**
     * Whether the loop runs a no-op callback within {@code wait}: {@code false} means it is held, by a task (see
     * {@link #hold}) or by a plain callback.
     */
    public boolean answers(Duration wait) {
        if (loop.loop().inEventLoop()) {
            return true;
        }
        CountDownLatch ran = new CountDownLatch(1);
        loop.loop().callSoonThreadsafe(ran::countDown);
        try {
            return ran.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "task 'runaway' (In [3]) has held the event loop for 12.3 s". */
    public String describe(Hold<C> hold) {
        return "task '" + hold.task().getName() + "'" + cellOf(hold) + " has held the event loop for "
                + String.format(Locale.ROOT, "%.1f s", hold.seconds());
    }

    /** " (In [3])" for the cell of the holder, or "" when it has none. */
    public String cellOf(Hold<C> hold) {
        return hold.context() == null ? "" : " (In [" + cellNumber.applyAsInt(hold.context()) + "])";
    }
}
