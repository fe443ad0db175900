package org.javaasync.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import jdk.jshell.Diag;
import jdk.jshell.JShell;

/**
 * Recovers JShell's compiler after javac fails while writing a class file, past the point where javac cleans up.
 *
 * <p>javac reports the limits of the class-file format only when it writes the class: a string constant over 65,535
 * bytes ("constant string too long"), a method over 64 KB of code, too many constants. JShell keeps its javac
 * contexts in a pool and reuses them for the next snippets, and a context that failed this way keeps the constant in
 * its pool writer: every later snippet of the session failed to compile ("UTF8 representation for string ... is too
 * long for the constant pool"), so one long literal broke the session. After such an error the pool is replaced by a
 * fresh one (the next compile creates a new context, as the first of the session did).
 *
 * <p>The pool is reached by reflection, which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the
 * kernelspec passes it); without it, {@link #reset} can only log that later cells may fail.
 */
final class CompilerReset {

    private static final System.Logger LOG = System.getLogger(CompilerReset.class.getName());
    /** javac's codes for the class-file limits, checked when the class is written. */
    private static final String LIMIT_CODE_PREFIX = "compiler.err.limit.";

    private final Object taskFactory;
    private final Method initTaskPool;

    private CompilerReset(Object taskFactory, Method initTaskPool) {
        this.taskFactory = taskFactory;
        this.initTaskPool = initTaskPool;
    }

    static CompilerReset of(JShell jshell) {
        try {
            Field field = JShell.class.getDeclaredField("taskFactory");
            field.setAccessible(true);
            Object taskFactory = field.get(jshell);
            Method init = taskFactory.getClass().getDeclaredMethod("initTaskPool");
            init.setAccessible(true);
            return new CompilerReset(taskFactory, init);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new CompilerReset(null, null);
        }
    }

    /** Whether {@code diagnostics} hold an error that leaves javac's context broken. */
    static boolean breaksCompiler(Iterable<Diag> diagnostics) {
        for (Diag diag : diagnostics) {
            if (diag.isError() && diag.getCode() != null && diag.getCode().startsWith(LIMIT_CODE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** Gives JShell fresh javac contexts. Call it with JShell's lock held, after a snippet failed that way. */
    void reset() {
        if (initTaskPool == null) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "javac failed writing a class file and its context cannot be replaced (start the JVM with"
                            + " --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED); later cells may fail to compile.");
            return;
        }
        try {
            initTaskPool.invoke(taskFactory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not replace javac's contexts", e);
        }
    }
}
