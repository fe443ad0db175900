package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.Inspection;

/**
 * Completion, inspection and the is-complete check, on JShell's {@link SourceCodeAnalysis}. JShell analyses one
 * snippet at a time, so each request first finds the snippet the cursor is in: the text from that snippet's start to
 * the cursor. Completion never offers names the user did not write: JShell's temporaries ({@code $3}) and the await
 * rewrite's body methods ({@code fetch$async}). Inspection reads Javadoc from the sources {@link SourcePath} lists:
 * the JDK's, the runtime's and the display API's, and the user's own doc comments ({@link DocumentedSnippets}).
 * Callers hold the evaluator's JShell lock.
 */
final class CodeAnalysis implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CodeAnalysis.class.getName());

    /** JShell's temporaries ({@code $12}), which the kernel never shows. */
    private static final Pattern TEMPORARY = Pattern.compile("\\$\\d+");

    /** The suffix of the await rewrite's body methods: {@code f$async} runs the body of the user's {@code f}. */
    private static final String ASYNC_BODY = "$async";

    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "try",
            "void",
            "volatile",
            "while",
            "var",
            "record",
            "yield",
            "true",
            "false",
            "null");

    private final SourceCodeAnalysis analysis;
    private final SourcePath sources;
    private final DocumentedSnippets documented;

    CodeAnalysis(JShell jshell) {
        this.analysis = jshell.sourceCodeAnalysis();
        this.sources = new SourcePath(analysis, CodeAnalysis.class.getClassLoader());
        this.documented = new DocumentedSnippets(jshell);
    }

    /** Completions at {@code cursor}; the range to replace starts where the word being completed starts. */
    Completion complete(String code, int cursor) {
        int at = clamp(cursor, code);
        int start = snippetStart(code, at);
        String snippet = code.substring(start, at);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(snippet, snippet.length(), anchor);
        int replaceFrom = start + anchor[0];
        boolean member = replaceFrom > 0 && code.charAt(replaceFrom - 1) == '.';
        Set<String> seen = new LinkedHashSet<>();
        List<Completion.Item> items = new ArrayList<>();
        // JShell lists the candidates that fit the expected type first; keep that order, drop overload repeats.
        for (boolean typeMatch : new boolean[] {true, false}) {
            for (Suggestion s : suggestions) {
                if (s.matchesType() == typeMatch && !hidden(s.continuation()) && seen.add(s.continuation())) {
                    items.add(new Completion.Item(s.continuation(), kindOf(s.continuation(), member), ""));
                }
            }
        }
        return new Completion(items, replaceFrom, at);
    }

    /** Whether a candidate names something the user never wrote: a temporary, an async body, the warm-up's names. */
    static boolean hidden(String continuation) {
        int paren = continuation.indexOf('(');
        String name = paren < 0 ? continuation : continuation.substring(0, paren);
        return TEMPORARY.matcher(name).matches() || name.endsWith(ASYNC_BODY) || WarmUp.NAMES.contains(name);
    }

    /** The kind of a candidate, guessed from its shape: JShell's suggestions carry no kind. */
    static String kindOf(String continuation, boolean member) {
        if (continuation.endsWith("(") || continuation.endsWith("()")) {
            return "method";
        }
        if (KEYWORDS.contains(continuation)) {
            return "keyword";
        }
        if (!continuation.isEmpty() && Character.isUpperCase(continuation.charAt(0))) {
            boolean constant = continuation.length() > 1
                    && continuation.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c) || c == '_');
            return constant ? "field" : "class";
        }
        return member ? "field" : "variable";
    }

    /** Signatures and Javadoc of what is at {@code cursor}: a method, a constructor, a type, a field. */
    Inspection inspect(String code, int cursor, int detailLevel) {
        int at = clamp(cursor, code);
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = snippetStart(code, end);
        String snippet = code.substring(start, end);
        prepareSources();
        List<Documentation> docs = analysis.documentation(snippet, snippet.length(), true);
        if (docs.isEmpty()) {
            // JShell documents a method call once its parenthesis is open: "Math.max|" has nothing, "Math.max(|" has.
            docs = analysis.documentation(snippet + "(", snippet.length() + 1, true);
        }
        if (docs.isEmpty() && at > 0 && code.charAt(at - 1) == '(') {
            docs = analysis.documentation(code.substring(start, at), at - start, true);
        }
        return docs.isEmpty() ? Inspection.none() : JavadocText.inspection(docs, detailLevel);
    }

    /** Lists the sources JShell reads Javadoc from, with the user's documented declarations up to date. */
    private void prepareSources() {
        sources.install();
        try {
            documented.refresh().ifPresent(sources::add);
        } catch (RuntimeException e) {
            // The user's doc comments are missing then, and nothing else: the JDK's and the runtime's still show.
            LOG.log(System.Logger.Level.WARNING, "cannot prepare the user's doc comments for documentation", e);
        }
    }

    @Override
    public void close() {
        documented.close();
        sources.close();
    }

    /** Whether {@code code} is ready to run: every snippet of it must be complete. */
    Completeness isComplete(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return new Completeness(Completeness.Status.COMPLETE, "");
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new Completeness(Completeness.Status.INCOMPLETE, nextIndent(code));
                case UNKNOWN:
                    return new Completeness(Completeness.Status.INVALID, "");
                default:
                    if (info.remaining().length() >= remaining.length()) {
                        return new Completeness(Completeness.Status.UNKNOWN, "");
                    }
                    remaining = info.remaining();
            }
        }
        return new Completeness(Completeness.Status.COMPLETE, "");
    }

    /** The last line's indent, 4 spaces deeper when that line opens a block. */
    static String nextIndent(String code) {
        String body = code.stripTrailing();
        String last = body.substring(body.lastIndexOf('\n') + 1);
        int width = 0;
        while (width < last.length() && (last.charAt(width) == ' ' || last.charAt(width) == '\t')) {
            width++;
        }
        String indent = last.substring(0, width);
        return body.endsWith("{") ? indent + "    " : indent;
    }

    /** The offset where the snippet holding {@code cursor} starts: complete snippets before it are skipped. */
    private int snippetStart(String code, int cursor) {
        String remaining = code.substring(0, cursor);
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            String rest = info.remaining();
            if (!info.completeness().isComplete() || rest.isBlank() || rest.length() >= remaining.length()) {
                break;
            }
            remaining = rest;
        }
        return cursor - remaining.length();
    }

    private static int clamp(int cursor, String code) {
        return Math.max(0, Math.min(cursor, code.length()));
    }
}
