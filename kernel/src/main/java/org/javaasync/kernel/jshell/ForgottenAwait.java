package org.javaasync.kernel.jshell;

import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.trace.JShellNames;
import org.javaasync.runtime.Coroutine;

/**
 * Python's "RuntimeWarning: coroutine 'f' was never awaited", made deterministic. Python warns when a coroutine
 * object is collected without having run; JShell keeps every expression's value alive in a {@code $N} variable, so a
 * collection-based check would never fire. Instead the evaluator hands each expression statement's value here right
 * after it ran: a coroutine that has not started is, at that point, a forgotten {@code await}.
 */
public final class ForgottenAwait {

    private ForgottenAwait() {}

    /** The warning for {@code value}, or {@code null} if it is not a coroutine that never started. */
    public static String warning(Object value) {
        if (value instanceof Coroutine<?> coroutine && !coroutine.isStarted()) {
            return "RuntimeWarning: coroutine '" + JShellNames.scrub(coroutine.getName())
                    + "' was never awaited (did you forget 'await'?)\n";
        }
        return null;
    }

    /** Writes the warning for {@code value}, if any, to the stderr of the cell running now. */
    public static void check(Object value) {
        String warning = warning(value);
        if (warning != null) {
            Output.current().stream("stderr", warning);
        }
    }
}
