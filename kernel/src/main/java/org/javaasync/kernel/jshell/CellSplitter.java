package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.jshell.rewrite.JavaTokens;

/**
 * Splits a cell into JShell snippets. {@code JShell.eval} evaluates only the first snippet of its input, so every
 * snippet must be handed over on its own.
 *
 * <p>JShell's {@link SourceCodeAnalysis#analyzeCompletion} decides where a snippet ends, but each call scans all the
 * text it is given (it masks comments over the whole input), so asking it about the rest of the cell, snippet after
 * snippet, takes time quadratic in the cell (a 5 MB cell of statements did not finish splitting in a minute). Here the
 * cell is tokenized once and cut at the places a snippet can end: a {@code ;} outside brackets, or a closing
 * {@code }} back at the top level that nothing continues ({@code else}, {@code catch}, {@code .method()}...). Only
 * the text up to the next such place is given to {@code analyzeCompletion}, which still has the last word, so the
 * work is linear in the cell. Between two pieces the cell's interrupt is checked.
 */
final class CellSplitter {

    /** How many tokens are scanned between two looks at the cell's interrupt. */
    private static final int INTERRUPT_CHECK_TOKENS = 4096;

    /** What may follow a top-level {@code }} within the same statement or expression. */
    private static final Set<String> CONTINUES_AFTER_BRACE = Set.of("else", "catch", "finally", "while", "instanceof");

    private final Function<String, CompletionInfo> analyzer;

    CellSplitter(SourceCodeAnalysis analysis) {
        this(analysis::analyzeCompletion);
    }

    /** A splitter asking {@code analyzer} where snippets end (JShell's {@code analyzeCompletion}, or a test's). */
    CellSplitter(Function<String, CompletionInfo> analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The cell's snippets in order. An incomplete tail (an unclosed brace, a missing expression) becomes a last
     * snippet of its own, so that evaluating it reports the compile error where the user made it.
     *
     * @throws CellInterruptedError if {@code interrupted} says so while splitting
     */
    List<CellSnippet> split(String cell, BooleanSupplier interrupted) {
        int[] ends = possibleEnds(cell, interrupted);
        List<CellSnippet> snippets = new ArrayList<>();
        int n = cell.length();
        int pos = skipWhitespace(cell, 0);
        int next = 0; // the first of `ends` that may still close a snippet
        while (pos < n) {
            if (interrupted.getAsBoolean()) {
                throw new CellInterruptedError();
            }
            while (next < ends.length && ends[next] <= pos) {
                next++;
            }
            int end = next < ends.length ? ends[next] : n;
            while (true) {
                String piece = cell.substring(pos, end);
                CompletionInfo info = analyzer.apply(piece);
                Completeness completeness = info.completeness();
                int consumed = piece.length() - info.remaining().length();
                if (completeness == Completeness.EMPTY) {
                    pos = end; // comments only
                    break;
                }
                if (completeness.isComplete() && consumed > 0) {
                    snippets.add(trimmed(info.source(), pos));
                    pos += consumed;
                    break;
                }
                if (end < n) {
                    // Not complete yet (a top-level `}` that something we did not foresee continues): take more.
                    next++;
                    end = next < ends.length ? ends[next] : n;
                    continue;
                }
                // Incomplete or not understood: JShell's compiler reports what is wrong with the whole rest.
                snippets.add(trimmed(piece, pos));
                pos = n;
                break;
            }
            pos = skipWhitespace(cell, pos);
        }
        return snippets;
    }

    /**
     * The offsets just after each token that may end a snippet, in order: a {@code ;} at bracket depth 0 that no
     * {@code else} follows, and a {@code }} that returns to depth 0 followed by a word that starts something new.
     *
     * @throws CellInterruptedError if {@code interrupted} says so (asked every few thousand tokens)
     */
    static int[] possibleEnds(String cell, BooleanSupplier interrupted) {
        JavaTokens.Scanner scanner = new JavaTokens.Scanner(cell);
        int[] ends = new int[16];
        int count = 0;
        int depth = 0;
        int pending = -1; // the end of a `;` or `}` whose fate the next token decides
        boolean pendingBrace = false;
        int scanned = 0;
        while (scanner.next()) {
            if (++scanned % INTERRUPT_CHECK_TOKENS == 0 && interrupted.getAsBoolean()) {
                throw new CellInterruptedError();
            }
            if (pending >= 0) {
                boolean ends0 = pendingBrace ? startsSomethingNew(scanner) : !scanner.is("else");
                if (ends0) {
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, count * 2);
                    }
                    ends[count++] = pending;
                }
                pending = -1;
            }
            if (scanner.kind() != JavaTokens.Kind.PUNCT) {
                continue;
            }
            if (scanner.is("(") || scanner.is("[") || scanner.is("{")) {
                depth++;
            } else if (scanner.is(")") || scanner.is("]")) {
                depth = Math.max(0, depth - 1);
            } else if (scanner.is("}")) {
                depth = Math.max(0, depth - 1);
                if (depth == 0) {
                    pending = scanner.end();
                    pendingBrace = true;
                }
            } else if (scanner.is(";") && depth == 0) {
                pending = scanner.end();
                pendingBrace = false;
            }
        }
        if (pending >= 0) {
            ends = count == ends.length ? Arrays.copyOf(ends, count + 1) : ends;
            ends[count++] = pending; // the cell's last token: nothing continues it
        }
        return Arrays.copyOf(ends, count);
    }

    private static boolean startsSomethingNew(JavaTokens.Scanner following) {
        return following.is("@")
                || following.kind() == JavaTokens.Kind.IDENT && !CONTINUES_AFTER_BRACE.contains(following.text());
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The snippet without its leading blank lines: JShell numbers a snippet's lines from its first non-blank one,
     * so the snippet must start there for its line 1 to be the cell line its offset is on.
     */
    private static CellSnippet trimmed(String source, int offset) {
        int skip = skipWhitespace(source, 0);
        return new CellSnippet(source.substring(skip), offset + skip);
    }
}
