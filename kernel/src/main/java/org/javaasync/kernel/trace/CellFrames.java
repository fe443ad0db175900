package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack frames of cell code as the user should read them, for traces the kernel shows outside an evaluation (failed
 * background tasks, the loop's debug reports): cut below the last frame of cell code (the runtime's, the kernel's
 * and the JDK's machinery say nothing to the user), the await rewrite's glue left out, and each cell frame named as
 * written and placed at its cell and line, {@code fetch(cell 2, line 5)}.
 */
public final class CellFrames {

    static final String REPL = "REPL.";
    // "\tat jshell-snippets//REPL.$JShell$16.fetch$async($JShell$16.java:9)", as Throwable and Thread print frames.
    static final Pattern FRAME_LINE =
            Pattern.compile("^(\\s*at )(?:[^\\s/(]*/+)?([\\w.$]+)\\.([\\w$<>]+)\\(([^:()]*)(?::(\\d+))?\\)$");

    /** Frames shown per stack; a report is read, not searched. */
    static final int MAX_FRAMES = 30;

    private final FrameLocator locator;

    /** {@code locator} says where a frame of cell code is ({@code "cell 2, line 5"}), or {@code null}. */
    public CellFrames(FrameLocator locator) {
        this.locator = locator;
    }

    /**
     * The frames to show of {@code stack}: down to its last frame of cell code, without the rewrite's glue; with no
     * cell frame, the frames above the runtime's.
     */
    public static List<StackTraceElement> userPart(StackTraceElement[] stack) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith(REPL)) {
                last = i;
            }
        }
        if (last < 0) {
            last = stack.length - 1;
            for (int i = 0; i < stack.length; i++) {
                if (RuntimeFrames.isRuntime(stack[i].getClassName())) {
                    last = i - 1;
                    break;
                }
            }
        }
        return AsyncFrames.withoutGlue(Arrays.copyOf(stack, last + 1));
    }

    /**
     * What to show of {@code stack}: {@link #userPart}, with the runtime's frames between cell frames left out and
     * the others folded ({@link RuntimeFrames}).
     */
    public static List<RuntimeFrames.Shown> shown(StackTraceElement[] stack) {
        return RuntimeFrames.shown(
                userPart(stack), frame -> frame.getClassName().startsWith(REPL));
    }

    /**
     * The lines that show {@code stack} (at most {@value #MAX_FRAMES}), each indented four spaces:
     * {@code "    at fetch(cell 2, line 5)"}, {@code "    ... 3 frames of org.javaasync.runtime"}.
     */
    public List<String> lines(StackTraceElement[] stack) {
        List<RuntimeFrames.Shown> shown = shown(stack);
        List<String> lines = new ArrayList<>(Math.min(shown.size(), MAX_FRAMES + 1));
        for (int i = 0; i < shown.size(); i++) {
            if (i == MAX_FRAMES) {
                lines.add("    ... " + (shown.size() - i) + " more frames");
                break;
            }
            lines.add(
                    switch (shown.get(i)) {
                        case RuntimeFrames.Frame(StackTraceElement frame) -> "    at " + describe(frame);
                        case RuntimeFrames.Folded folded -> "    " + folded.text();
                    });
        }
        return lines;
    }

    /** An exception's first line; a runtime {@code TimeoutError} says where its deadline was set. */
    public String headline(Throwable thrown) {
        return ExceptionTree.headline(thrown, locator::locate);
    }

    /** The lines that show {@code thrown}, its causes, its sub-exceptions and where it was awaited. */
    public List<String> describe(Throwable thrown) {
        return ExceptionTree.lines(thrown, this::headline, this::lines);
    }

    /** A frame as the user reads it: {@code fetch(cell 2, line 5)} for cell code, the JDK's form for the rest. */
    public String describe(StackTraceElement frame) {
        if (!frame.getClassName().startsWith(REPL)) {
            return frame.toString();
        }
        String method = AsyncFrames.displayName(frame.getMethodName());
        String where = locator.locate(frame);
        return method + "(" + (where == null ? "cell code" : where) + ")";
    }

    /**
     * {@code text} with each printed stack trace that passes through cell code rewritten as {@link #userPart} and
     * {@link #describe} would show it; traces without cell code and all other lines stay as they are.
     */
    public String rewrite(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < lines.length) {
            int end = i;
            while (end < lines.length && FRAME_LINE.matcher(lines[end]).matches()) {
                end++;
            }
            if (end == i) {
                out.append(lines[i]);
                if (++i < lines.length) {
                    out.append('\n');
                }
                continue;
            }
            rewriteTrace(Arrays.copyOfRange(lines, i, end), out);
            i = end;
            if (i < lines.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private void rewriteTrace(String[] frameLines, StringBuilder out) {
        StackTraceElement[] frames = new StackTraceElement[frameLines.length];
        Map<StackTraceElement, String> printed = new IdentityHashMap<>(); // userPart keeps the instances
        String indent = null;
        boolean cellCode = false;
        for (int k = 0; k < frameLines.length; k++) {
            Matcher m = FRAME_LINE.matcher(frameLines[k]);
            m.matches();
            indent = indent == null ? m.group(1) : indent;
            int line = m.group(5) == null ? -1 : Integer.parseInt(m.group(5));
            frames[k] = new StackTraceElement(m.group(2), m.group(3), m.group(4), line);
            printed.put(frames[k], frameLines[k]);
            cellCode |= m.group(2).startsWith(REPL);
        }
        if (!cellCode) {
            out.append(String.join("\n", frameLines));
            return;
        }
        List<RuntimeFrames.Shown> shown = shown(frames);
        for (int k = 0; k < shown.size(); k++) {
            if (k > 0) {
                out.append('\n');
            }
            switch (shown.get(k)) {
                case RuntimeFrames.Folded folded ->
                    out.append(indent.replace("at ", "")).append(folded.text());
                case RuntimeFrames.Frame(StackTraceElement frame)
                when frame.getClassName().startsWith(REPL) -> out.append(indent).append(describe(frame));
                case RuntimeFrames.Frame(StackTraceElement frame) ->
                    out.append(printed.get(frame)); // as printed, module and all
            }
        }
    }
}
