package org.javaasync.kernel.evaluator;

/**
 * Thrown in place of {@code System.exit(n)}, {@code Runtime.exit(n)} and {@code Runtime.halt(n)} called from cell
 * code: those calls are rewritten in snippet bytecode so that a cell cannot end the kernel's JVM (JDK 25 has no
 * SecurityManager to veto them).
 */
public final class CellExitError extends Error {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param call   what the cell called, e.g. {@code "System.exit"}
     * @param status the exit status the cell asked for
     */
    public CellExitError(String call, int status) {
        super(call + "(" + status + ") was called; the kernel keeps running");
        this.status = status;
    }

    /** The exit status the cell asked for. */
    public int status() {
        return status;
    }
}
