package org.javaasync.kernel.evaluator;

/**
 * Thrown inside cell code when the user interrupts the cell: by the interrupt checks that the kernel adds to loops
 * and method entries of snippet bytecode. It is an {@link Error} so that ordinary {@code catch (Exception e)} blocks
 * in cell code do not swallow it; code that catches {@code Throwable} and loops on meets it again at the next check.
 */
public final class CellInterruptedError extends Error {

    private static final long serialVersionUID = 1L;

    /** Creates the error; its stack trace shows the user where the cell was when it stopped. */
    public CellInterruptedError() {
        super("The cell was interrupted", null, false, true);
    }
}
