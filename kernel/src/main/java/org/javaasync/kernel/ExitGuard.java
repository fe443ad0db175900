package org.javaasync.kernel;

import org.javaasync.kernel.evaluator.CellExitError;

/**
 * Keeps user code from ending the kernel's JVM. {@link ExitGuardAgent} makes {@code Runtime.exit} (which
 * {@code System.exit} calls) and {@code Runtime.halt} call {@link #check} first, whoever calls them and however: a
 * direct call, a method reference ({@code IntConsumer q = System::exit}), reflection, a method handle, a library
 * added with {@code %maven}. Only the kernel itself, shutting down, is {@link #allow allowed} through; everyone else
 * gets a {@link CellExitError} where they called, which the cell shows as {@code SystemExit}.
 */
public final class ExitGuard {

    private static volatile boolean allowed;

    private ExitGuard() {}

    /**
     * Called at the start of {@code Runtime.exit} and {@code Runtime.halt}, through reflection (the JDK's own class
     * cannot link to this one).
     *
     * @param status what the caller asked for
     * @param call   {@code "exit"} or {@code "halt"}
     * @throws CellExitError unless the kernel is shutting down
     */
    public static void check(int status, String call) {
        if (!allowed) {
            throw new CellExitError(call.equals("halt") ? "Runtime.halt" : "System.exit", status);
        }
    }

    /** Lets the next exit or halt through: the kernel ends. */
    static void allow() {
        allowed = true;
    }
}
