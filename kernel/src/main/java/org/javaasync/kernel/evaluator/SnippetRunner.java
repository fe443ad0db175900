package org.javaasync.kernel.evaluator;

import java.util.concurrent.Callable;

/**
 * Decides where a cell's code runs. The kernel foundation runs snippets on a kernel-owned thread; top-level await
 * plugs in a runner that makes the whole cell one task on the shared event loop ({@link #runCell}), inside which
 * every snippet runs directly. The evaluator calls {@link #runCell} once per cell and the execution control calls
 * {@link #run} for every snippet; nothing else decides where user code runs.
 */
@FunctionalInterface
public interface SnippetRunner {

    /**
     * Runs {@code snippet} to completion and returns its value, or throws what it threw.
     * Called on the thread that drives evaluation; blocks until the snippet is done.
     */
    Object run(Callable<Object> snippet) throws Throwable;

    /**
     * Runs the evaluation of a whole cell — compiling and running each of its snippets — and returns its outcome.
     * The default runs it on the calling thread; a loop runner runs it as one task, so that, as in asyncio, other
     * tasks run only where the cell awaits, never between two of its statements.
     *
     * @throws CellInterruptedError if the cell was interrupted and did not finish in time
     */
    default <T> T runCell(Callable<T> cell) throws Exception {
        return cell.call();
    }

    /**
     * Stops the snippet that {@link #run} is running now, if any, the way this runner runs snippets: the thread
     * runner interrupts its thread, a loop runner cancels the snippet's task. Called from any thread. Before calling
     * it the evaluator has already tripped the interrupt checks of the snippet's thread (CPU loops in cell code), so
     * a runner with nothing more to do may keep this default, which does nothing.
     */
    default void interrupt() {}
}
