package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/**
 * Formats an exception thrown by cell code: type, message and a stack trace cut to what the user wrote. JShell has
 * already cut the frames below the snippet's entry and turned snippet frames into {@code #id:line}; this maps those
 * to cell lines, keeps the library frames above the user's code (where it failed), folds repeated frames (a
 * {@code StackOverflowError} is one frame a thousand times) and adds every cause.
 */
final class RuntimeErrors {

    private static final int MAX_FRAMES = 40;
    private static final String KERNEL_PACKAGE = "org.javaasync.kernel.jshell.";

    private final SnippetOrigins origins;

    RuntimeErrors(SnippetOrigins origins) {
        this.origins = origins;
    }

    /** The traceback of {@code exception} (as JShell translated it), raised in cell {@code cell}. */
    List<String> traceback(EvalException exception, int cell) {
        List<String> lines = new ArrayList<>();
        JShellException current = exception;
        String prefix = "";
        int depth = 0;
        while (current != null && depth++ < 10) {
            lines.add(prefix + headline(current));
            frames(current.getStackTrace(), cell, lines);
            prefix = "Caused by: ";
            current = current.getCause() instanceof JShellException cause ? cause : null;
        }
        return lines;
    }

    /** {@code "type: message"}, as {@code Throwable.toString()} would say it for the original exception. */
    static String headline(JShellException exception) {
        String type = exception instanceof EvalException eval ? eval.getExceptionClassName() : "Error";
        String message = exception.getMessage();
        return message == null ? type : type + ": " + message;
    }

    private void frames(StackTraceElement[] raw, int cell, List<String> lines) {
        StackTraceElement[] stack = AsyncFrames.withoutGlue(raw).toArray(StackTraceElement[]::new);
        int shown = 0;
        int i = 0;
        // The kernel's own frames on top (the interrupt check, the System.exit stand-in) are not the user's business.
        while (i < stack.length - 1 && stack[i].getClassName().startsWith(KERNEL_PACKAGE)) {
            i++;
        }
        while (i < stack.length) {
            String frame = describe(stack[i], cell);
            int repeats = 0;
            while (i + repeats + 1 < stack.length && describe(stack[i + repeats + 1], cell).equals(frame)) {
                repeats++;
            }
            if (shown++ == MAX_FRAMES) {
                lines.add("    ... " + (stack.length - i) + " more frames");
                return;
            }
            lines.add("    at " + frame);
            if (repeats > 0) {
                lines.add("    ... the frame above repeated " + repeats + " more times");
            }
            i += repeats + 1;
        }
    }

    private String describe(StackTraceElement frame, int cell) {
        String where = origins.locate(frame, cell);
        if (where == null) {
            return frame.toString();
        }
        String klass = frame.getClassName();
        String method = AsyncFrames.userName(frame.getMethodName());
        String name = klass.isEmpty() ? method : method.isEmpty() ? klass : klass + "." + method;
        // JShell names the statements of a cell (its do_it$ method) with an empty name; the kernel's other traces
        // call that frame <cell>, as Python's tracebacks say <module>.
        return (name.isEmpty() ? "<cell>" : name) + "(" + where + ")";
    }
}
