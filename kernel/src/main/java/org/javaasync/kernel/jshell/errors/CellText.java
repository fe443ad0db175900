package org.javaasync.kernel.jshell.errors;

import java.util.Arrays;

/**
 * Line and column arithmetic on a cell's source: offsets are UTF-16 indexes, lines and columns count from 1. Asking
 * for the line of each of a cell's snippets is linear in the cell: the line starts are found once.
 */
public final class CellText {

    private final String text;
    private int[] lineStarts;

    public CellText(String text) {
        this.text = text;
    }

    /** The 1-based line holding {@code offset}. */
    public int lineOf(int offset) {
        int[] starts = lineStarts();
        int clamped = Math.min(Math.max(offset, 0), text.length());
        int found = Arrays.binarySearch(starts, clamped);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    /** The 1-based column of {@code offset} within its line. */
    public int columnOf(int offset) {
        int clamped = Math.min(Math.max(offset, 0), text.length());
        return clamped - lineStart(clamped) + 1;
    }

    /** The text of the line holding {@code offset}, without its line break. */
    public String lineAt(int offset) {
        int clamped = Math.min(Math.max(offset, 0), text.length());
        int start = lineStart(clamped);
        int end = text.indexOf('\n', clamped);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /**
     * A caret line under {@code line} marking columns {@code [startColumn, endColumn)}: tabs before the caret are
     * kept as tabs so that the caret lines up however the frontend renders tabs.
     */
    public static String caret(String line, int startColumn, int endColumn) {
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < startColumn - 1; i++) {
            marks.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        marks.append('^');
        int end = Math.min(endColumn, line.length() + 1);
        for (int c = startColumn + 1; c < end; c++) {
            marks.append('~');
        }
        return marks.toString();
    }
}
