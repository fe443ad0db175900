package org.javaasync.kernel.jshell;

import org.javaasync.kernel.evaluator.CellInterruptedError;

/**
 * The calls that the instrumentation pass ({@link SnippetInstrumenter}) inserts into snippet bytecode. Public because
 * snippet classes, defined by another class loader, call these methods; not meant for user code.
 *
 * <p>Interrupting targets one thread, the one running the current cell's snippet, so that threads and tasks that
 * earlier cells left running are not stopped by an interrupt of a later cell.
 */
public final class CellInterrupts {

    /** The thread whose snippet code must stop, or {@code null}: read at every loop back-edge, so one volatile load. */
    private static volatile Thread target;

    private CellInterrupts() {}

    /**
     * The check at loop back-edges and method entries: throws {@link CellInterruptedError} when the calling thread
     * runs a cell that was interrupted.
     */
    public static void check() {
        Thread t = target;
        if (t != null && t == Thread.currentThread()) {
            throw new CellInterruptedError();
        }
    }

    /** Replaces {@code System.exit(status)} in snippet code. */
    public static void systemExit(int status) {
        throw new CellExitError("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)} in snippet code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExitError("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)} in snippet code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new CellExitError("Runtime.halt", status);
    }

    /** Makes the checks in {@code thread} throw, until {@link #clear()}. */
    static void stop(Thread thread) {
        target = thread;
    }

    /** Lets snippet code run again: called when the interrupted cell has ended. */
    static void clear() {
        target = null;
    }
}
