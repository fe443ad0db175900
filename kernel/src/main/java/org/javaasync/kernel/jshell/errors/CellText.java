package org.javaasync.kernel.jshell.errors;

/** Line and column arithmetic on a cell's source: offsets are UTF-16 indexes, lines and columns count from 1. */
public final class CellText {

    private final String text;

    public CellText(String text) {
        this.text = text;
    }

    /** The 1-based line holding {@code offset}. */
    public int lineOf(int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
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
