package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Formats an exception thrown by cell code: type, message and a stack trace cut to what the user wrote. The raw
 * frames are first put in JShell's terms by a translator (snippet frames become {@code #id:line}, the frames below the
 * snippet's entry are cut, as JShell does for the exceptions of {@code eval}); this maps those to cell lines, keeps
 * the library frames above the user's code (where it failed), folds repeated frames (a {@code StackOverflowError} is
 * one frame a thousand times) and adds every cause. Generated names (JShell's wrapper classes, lambdas) never show:
 * {@link JShellNames}.
 */
public final class RuntimeErrors {

    private static final int MAX_FRAMES = 40;
    private static final String KERNEL_PACKAGE = "org.javaasync.kernel.";

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
    private final UnaryOperator<StackTraceElement[]> translator;

    /**
     * @param origins    where translated snippet frames are in the cells
     * @param translator raw frames of an exception to JShell's form: snippet frames as {@code #id:line}, nothing
     *     below the snippet's entry
     */
    public RuntimeErrors(SnippetLocator origins, UnaryOperator<StackTraceElement[]> translator) {
        this.origins = origins;
        this.translator = translator;
    }

    /**
     * The traceback of {@code thrown}, raised by cell code in cell {@code cell}: as {@link ExceptionTree} shows it, so
     * an exception group lists each sub-exception with its lines, a failure awaited from a task shows where it was
     * awaited, and a runtime {@code TimeoutError} says where its deadline was set.
     */
    public List<String> traceback(Throwable thrown, int cell) {
        return ExceptionTree.lines(
                thrown,
                t -> JShellNames.scrub(ExceptionTree.headline(t, frame -> place(frame, cell))),
                stack -> frames(translator.apply(stack), cell));
    }

    /** Where a single raw frame is in the cells ({@code "line 3"}, {@code "cell 2, line 5"}), or {@code null}. */
    private String place(StackTraceElement frame, int cell) {
        StackTraceElement[] translated = translator.apply(new StackTraceElement[] {frame});
        return translated.length == 0 ? null : origins.locate(translated[0], cell);
    }

    /** The lines of a stack, each indented four spaces. */
    private List<String> frames(StackTraceElement[] raw, int cell) {
        List<String> lines = new ArrayList<>();
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
                return lines;
            }
            lines.add("    " + frame);
            if (repeats > 0) {
                lines.add("    ... the frame above repeated " + repeats + " more times");
            }
            i += repeats + 1;
        }
        return lines;
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
