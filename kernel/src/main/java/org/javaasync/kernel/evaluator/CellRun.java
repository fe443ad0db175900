package org.javaasync.kernel.evaluator;

/**
 * One run of a cell, as the evaluator is asked for it: the cell's number, which traces show ({@code cell 3, line 2},
 * the {@code In [3]} the user sees), and its {@link CellInterrupt}.
 */
public record CellRun(int number, CellInterrupt interrupt) {

    /** A run of cell {@code number} that nothing has interrupted yet. */
    public static CellRun of(int number) {
        return new CellRun(number, new CellInterrupt());
    }
}
