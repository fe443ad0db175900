package org.javaasync.kernel.evaluator;

/**
 * The evaluator as the kernel services see it: Java source in, outcomes out. It never sees sockets or messages.
 *
 * <p>Threading: {@link #eval} is called by one kernel thread at a time and blocks until the cell's snippets have
 * run; the cell's {@link CellInterrupt} may be set from any thread, before or while {@code eval} runs;
 * {@link #complete}, {@link #inspect} and {@link #isComplete} may be called from any thread, also while a cell
 * runs, and must not wait for the running cell.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Evaluates a cell: any mix of imports, declarations, methods, classes and statements. Nothing of it runs once
     * {@code run}'s interrupt is set.
     *
     * @param code the cell's source, as the user typed it
     * @param run  the cell's number (in traces) and interrupt
     * @return the value of a last bare expression, no value, or an error ready to show
     */
    EvalOutcome eval(String code, CellRun run);

    /** Completion candidates at {@code cursor} (a UTF-16 offset into {@code code}). */
    Completion complete(String code, int cursor);

    /** Documentation of what is at {@code cursor}; {@code detailLevel} 0 is a summary, 1 adds detail. */
    Inspection inspect(String code, int cursor, int detailLevel);

    /** Whether {@code code} is a complete cell, needs more lines, or cannot become valid Java. */
    Completeness isComplete(String code);

    /**
     * Adds jars or class directories to the session: later cells compile against them and their classes load in
     * the snippet class loader (searched after the kernel's own classes). Call it between cells, or from the
     * evaluating thread before the cell's Java part.
     *
     * @param path entries separated by {@link java.io.File#pathSeparator}
     */
    void addToClasspath(String path);

    /**
     * Where a raw stack frame of cell code is, as the user sees it ({@code "cell 3, line 2"}): for exceptions that
     * reach the kernel outside {@link #eval}, such as the failure of a background task. {@code null} when the frame
     * is not cell code or cannot be placed. Any thread.
     */
    default String locate(StackTraceElement frame) {
        return null;
    }

    /** Releases JShell and everything the evaluator started. */
    @Override
    void close();
}
