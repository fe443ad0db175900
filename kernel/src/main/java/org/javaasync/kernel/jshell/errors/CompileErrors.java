package org.javaasync.kernel.jshell.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import jdk.jshell.Diag;
import org.javaasync.kernel.evaluator.EvalOutcome;

/**
 * Collects the compile errors of one cell and formats them the way javac does, but against the user's cell: the
 * cell line and column, the source line and a caret under the faulty code.
 */
public final class CompileErrors {

    /** Source lines longer than this are shown cut around the error. */
    private static final int LONG_LINE = 120;
    /** How much of a long line is shown before the error's column. */
    private static final int CONTEXT = 40;

    private final CellText cell;
    private final IntUnaryOperator toCell;
    private final List<String> traceback = new ArrayList<>();
    private String firstMessage;
    private int count;

    public CompileErrors(String cellSource) {
        this(cellSource, IntUnaryOperator.identity());
    }

    /**
     * Errors of a cell that was rewritten before compiling: {@code toCell} maps an offset of the compiled text back
     * to the cell as the user typed it.
     */
    public CompileErrors(String cellSource, IntUnaryOperator toCell) {
        this.cell = new CellText(cellSource);
        this.toCell = toCell;
    }

    /** Adds the error diagnostics JShell reported for the snippet at {@code snippet}. Warnings are left out. */
    public void add(int offset, String source, List<Diag> diagnostics) {
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            long end = Math.max(diag.getEndPosition(), start + 1);
            int from = offset + (int) Math.max(0, Math.min(start, source.length()));
            int to = offset + (int) Math.max(0, Math.min(end, source.length()));
            String message = message(diag);
            String explained = AwaitErrors.explain(diag.getCode(), message, source, (int) start);
            addAt(
                    toCell.applyAsInt(from),
                    Math.max(toCell.applyAsInt(to), toCell.applyAsInt(from) + 1),
                    explained == null ? message : explained);
        }
    }

    /** Adds an error at cell offsets {@code [from, to)} with a ready message. */
    public void addAt(int from, int to, String message) {
        count++;
        if (firstMessage == null) {
            firstMessage = message.lines().findFirst().orElse(message);
        }
        int line = cell.lineOf(from);
        int column = cell.columnOf(from);
        String source = cell.lineAt(from);
        int endColumn = cell.lineOf(to) == line ? cell.columnOf(to) : source.length() + 1;
        traceback.add("Compile error at line " + line + ", column " + column + ": "
                + message.lines().findFirst().orElse(""));
        message.lines().skip(1).forEach(more -> traceback.add("    " + more.strip()));
        if (source.length() > LONG_LINE) {
            // A 70,000-character literal is shown as its start: the caret's place, not the whole line twice.
            int start = Math.max(0, column - 1 - CONTEXT);
            int end = Math.min(source.length(), start + LONG_LINE);
            String prefix = start > 0 ? "..." : "";
            String shown = prefix + source.substring(start, end) + (end < source.length() ? "..." : "");
            column = column - start + prefix.length();
            endColumn = Math.min(endColumn - start + prefix.length(), end - start + prefix.length() + 1);
            source = shown;
        }
        traceback.add("    " + source);
        traceback.add("    " + CellText.caret(source, column, endColumn));
    }

    /** Adds a line of context that belongs to no position, such as a note about snippets that were not run. */
    public void note(String text) {
        traceback.add(text);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    /** The outcome to show: every error, in cell order of discovery. */
    public EvalOutcome.Error outcome() {
        String summary = count == 1 ? firstMessage : firstMessage + " (and " + (count - 1) + " more)";
        return new EvalOutcome.Error(EvalOutcome.Kind.COMPILE, "CompileError", summary, List.copyOf(traceback));
    }

    /** JShell's message without the lines that name its wrapper classes, which mean nothing to the user. */
    private static String message(Diag diag) {
        StringBuilder text = new StringBuilder();
        diag.getMessage(Locale.ROOT)
                .lines()
                .filter(l -> !l.strip().equals("location: class") && !l.contains("$JShell$"))
                .forEach(l -> text.append(text.isEmpty() ? "" : "\n").append(l));
        return text.toString();
    }
}
