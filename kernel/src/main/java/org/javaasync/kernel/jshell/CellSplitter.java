package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Splits a cell into JShell snippets with {@link SourceCodeAnalysis#analyzeCompletion}, which only scans and parses
 * (no attribution), so splitting costs little next to compiling. {@code JShell.eval} evaluates only the first
 * snippet of its input, so every snippet must be handed over on its own.
 */
final class CellSplitter {

    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The cell's snippets in order. An incomplete tail (an unclosed brace, a missing expression) becomes a last
     * snippet of its own, so that evaluating it reports the compile error where the user made it.
     */
    List<CellSnippet> split(String cell) {
        List<CellSnippet> snippets = new ArrayList<>();
        String remaining = cell;
        while (!remaining.isBlank()) {
            int offset = cell.length() - remaining.length();
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            if (!completeness.isComplete() || info.remaining().length() >= remaining.length()) {
                // Incomplete or not understood: JShell's compiler reports what is wrong with the whole rest.
                snippets.add(trimmed(remaining, offset));
                break;
            }
            snippets.add(trimmed(info.source(), offset));
            remaining = info.remaining();
        }
        return snippets;
    }

    /**
     * The snippet without its leading blank lines: JShell numbers a snippet's lines from its first non-blank one,
     * so the snippet must start there for its line 1 to be the cell line its offset is on.
     */
    private static CellSnippet trimmed(String source, int offset) {
        int skip = 0;
        while (skip < source.length() && Character.isWhitespace(source.charAt(skip))) {
            skip++;
        }
        return new CellSnippet(source.substring(skip), offset + skip);
    }
}
