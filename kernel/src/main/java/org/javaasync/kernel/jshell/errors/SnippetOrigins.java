package org.javaasync.kernel.jshell.errors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each snippet came from: the cell that defined it and the cell line its source starts on. JShell reports
 * stack frames as snippet id and snippet line ({@code #12:3}); this turns them back into cell lines.
 */
public final class SnippetOrigins {

    /** A snippet's cell (the evaluator's count of cells, from 1) and the cell line of its first source line. */
    public record Origin(int cell, int firstLine) {}

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    // JShell gives a snippet its id only when eval returns, after the snippet has run; a trace the snippet prints
    // while it runs has a frame of it, and this says where it came from.
    private volatile Origin running;

    public void record(String snippetId, int cell, int firstLine) {
        origins.put(snippetId, new Origin(cell, firstLine));
    }

    /** The snippet about to be evaluated starts on line {@code firstLine} of cell {@code cell}. */
    public void evaluating(int cell, int firstLine) {
        running = new Origin(cell, firstLine);
    }

    /** No snippet of a cell is being evaluated. */
    public void evaluated() {
        running = null;
    }

    /**
     * {@code "cell 2, line 5"} for line {@code line} (from 1) of snippet {@code snippetId}, or {@code null}. A snippet
     * without a recorded origin is the one running now, if any: every other snippet of a cell is recorded.
     */
    public String locate(String snippetId, int line) {
        Origin origin = origins.get(snippetId);
        if (origin == null) {
            origin = running;
        }
        return origin == null ? null : "cell " + origin.cell() + ", line " + cellLine(origin, line);
    }

    /**
     * The frame's location for the user: {@code "line 3"} in the current cell, {@code "cell 2, line 5"} in an
     * earlier one, or {@code null} when the frame is not in snippet code.
     */
    public String locate(StackTraceElement frame, int currentCell) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return null;
        }
        Origin origin = origins.get(file.substring(1));
        if (origin == null) {
            return "snippet " + file + ", line " + frame.getLineNumber();
        }
        int line = cellLine(origin, frame.getLineNumber());
        return origin.cell() == currentCell ? "line " + line : "cell " + origin.cell() + ", line " + line;
    }

    /** The cell line of line {@code snippetLine} (from 1) of a snippet that came from {@code origin}. */
    private static int cellLine(Origin origin, int snippetLine) {
        return origin.firstLine() + Math.max(snippetLine, 1) - 1;
    }
}
