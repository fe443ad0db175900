package org.javaasync.kernel.trace;

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
public final class RuntimeErrors {

    private static final int MAX_FRAMES = 40;
    private static final String KERNEL_PACKAGE = "org.javaasync.kernel.jshell.";

    /** Where a frame of snippet code, as JShell translated it ({@code #12:3}), is in the user's cells. */
    @FunctionalInterface
    public interface SnippetLocator {
        /**
         * {@code "line 3"} in cell {@code currentCell}, {@code "cell 2, line 5"} in another, or {@code null} when the
         * frame is not snippet code.
         */
        String locate(StackTraceElement frame, int currentCell);
    }

    private final SnippetLocator origins;

    public RuntimeErrors(SnippetLocator origins) {
        this.origins = origins;
    }

    /** The traceback of {@code exception} (as JShell translated it), raised in cell {@code cell}. */
    public List<String> traceback(EvalException exception, int cell) {
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

    /**
     * {@code "type: message"}, as {@code Throwable.toString()} would say it for the original exception, with the
     * names the user wrote ({@link JShellNames}).
     */
    public static String headline(JShellException exception) {
        String type = exception instanceof EvalException eval ? eval.getExceptionClassName() : "Error";
        String message = exception.getMessage();
        return JShellNames.scrub(message == null ? type : type + ": " + message);
    }

    private void frames(StackTraceElement[] raw, int cell, List<String> lines) {
        List<StackTraceElement> stack = AsyncFrames.withoutGlue(raw);
        int top = 0;
        // The kernel's own frames on top (the interrupt check, the System.exit stand-in) are not the user's business.
        while (top < stack.size() - 1 && stack.get(top).getClassName().startsWith(KERNEL_PACKAGE)) {
            top++;
        }
        List<String> described = new ArrayList<>();
        for (RuntimeFrames.Shown shown :
                RuntimeFrames.shown(stack.subList(top, stack.size()), frame -> origins.locate(frame, cell) != null)) {
            described.add(
                    switch (shown) {
                        case RuntimeFrames.Frame(StackTraceElement frame) -> "at " + describe(frame, cell);
                        case RuntimeFrames.Folded folded -> folded.text();
                    });
        }
        int shownLines = 0;
        int i = 0;
        while (i < described.size()) {
            String frame = described.get(i);
            int repeats = 0;
            while (i + repeats + 1 < described.size()
                    && described.get(i + repeats + 1).equals(frame)) {
                repeats++;
            }
            if (shownLines++ == MAX_FRAMES) {
                lines.add("    ... " + (described.size() - i) + " more frames");
                return;
            }
            lines.add("    " + frame);
            if (repeats > 0) {
                lines.add("    ... the frame above repeated " + repeats + " more times");
            }
            i += repeats + 1;
        }
    }

    private String describe(StackTraceElement frame, int cell) {
        String where = origins.locate(frame, cell);
        if (where == null) {
            return JShellNames.scrub(frame.toString());
        }
        // JShell leaves the class out of a cell's own frames and names the cell's statements with no name at all.
        String klass = frame.getClassName();
        String method = frame.getMethodName();
        String name = klass.isEmpty()
                ? AsyncFrames.displayName(method)
                : method.isEmpty() ? klass : klass + "." + AsyncFrames.displayName(method);
        return name + "(" + where + ")";
    }
}
