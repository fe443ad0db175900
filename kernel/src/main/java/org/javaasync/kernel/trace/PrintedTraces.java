package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Rewrites the stack traces that cell code prints itself ({@code e.printStackTrace()}, a logger's formatter) as the
 * kernel shows its own: each frame of cell code named as written and placed at its cell and line,
 * {@code fetch(cell 2, line 5)}, the await rewrite's glue and the runtime's frames between cell frames left out
 * ({@link RuntimeFrames}), and nothing below the last frame of cell code — below it are JShell's wrapper,
 * reflection and the kernel, which every cell shares and no user wrote.
 *
 * <p>One instance per stream, fed its text in the order written (callers serialize). {@code printStackTrace} writes
 * one line per {@code write}, so the rewrite keeps state across chunks: frames that follow a frame of cell code are
 * held until the next frame shows whether they lie between two frames of cell code (kept, except the runtime's) or
 * below the last one (dropped when the trace ends). Holding never delays a line the user must see: only frames below
 * cell code are held, and those are dropped unless more cell code follows them.
 */
public final class PrintedTraces {

    private final CellFrames cellFrames;
    private final List<String> held = new ArrayList<>();
    private boolean afterCellCode;
    private String methodAbove;

    public PrintedTraces(CellFrames cellFrames) {
        this.cellFrames = cellFrames;
    }

    /** What to show of {@code text}, the next chunk of the stream; may be empty while frames are held. */
    public String rewrite(String text) {
        if (!afterCellCode && !text.contains("REPL.$JShell$")) {
            methodAbove = null;
            return text; // the common case: no trace through cell code in progress or starting
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            line(text.substring(start, end), out);
            start = end;
        }
        return out.toString();
    }

    private void line(String line, StringBuilder out) {
        String content = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        Matcher frame = CellFrames.FRAME_LINE.matcher(content);
        if (!line.endsWith("\n") || !frame.matches()) {
            // The trace has ended (a "Caused by:", "... 3 more", any other text): what was held lay below cell code.
            held.clear();
            afterCellCode = false;
            methodAbove = null;
            out.append(JShellNames.scrub(line)); // "REPL.$JShell$23$Boom: x" is the user's Boom
            return;
        }
        String className = frame.group(2);
        String method = frame.group(3);
        if (!className.startsWith(CellFrames.REPL)) {
            if (afterCellCode) {
                // Below cell code the runtime's frames are either between two cell frames (how one awaited the
                // other) or below the last one: never shown, so never held.
                if (!RuntimeFrames.isRuntime(className)) {
                    held.add(line);
                }
            } else {
                out.append(line);
            }
            methodAbove = method;
            return;
        }
        // Cell code: the frames held since the previous frame of cell code lie between two of them; show them.
        held.forEach(out::append);
        held.clear();
        afterCellCode = true;
        boolean glue = AsyncFrames.isGlue(method, methodAbove);
        methodAbove = method;
        if (glue) {
            return;
        }
        int lineNumber = frame.group(5) == null ? -1 : Integer.parseInt(frame.group(5));
        out.append(frame.group(1))
                .append(cellFrames.describe(new StackTraceElement(className, method, frame.group(4), lineNumber)))
                .append('\n');
    }
}
