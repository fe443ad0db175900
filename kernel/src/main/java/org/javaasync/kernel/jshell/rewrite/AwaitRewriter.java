package org.javaasync.kernel.jshell.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javaasync.kernel.jshell.rewrite.JavaTokens.Token;

/**
 * The await extension: lets a cell use the tutorial's syntax, rewritten to plain Java before JShell sees it.
 *
 * <ul>
 *   <li>{@code await expr} becomes {@code await(expr)}. The operand is a postfix expression — a name, a literal,
 *       {@code this}, or a {@code new} expression, followed by any member accesses, calls and indexing — which is
 *       Python's precedence: {@code await a.b() + 1} is {@code await(a.b()) + 1}. {@code await(x)}, member calls
 *       such as {@code latch.await()}, and anything inside strings, text blocks, char literals and comments are
 *       left alone.</li>
 *   <li>An async lambda, {@code async () -> body}, becomes {@code async(() -> body)}: the coroutine the runtime's
 *       {@code async(...)} makes of the lambda.</li>
 *   <li>An {@code async} method, {@code async T name(params) { body }}, becomes a method returning
 *       {@code Coroutine<T>} (boxed; {@code Coroutine<Void>} for {@code void}) that wraps a call of
 *       {@code name$async(params)}: the original method, renamed in place, declared {@code throws Exception}. The
 *       body is not moved, so its lines and columns stay where the user wrote them; the wrapper is written after
 *       the body's closing brace, on its line, so that it is compiled after the method it calls.</li>
 * </ul>
 * The rewrite never fails: what it does not recognise it leaves for the compiler to report.
 */
public final class AwaitRewriter {

    static final String COROUTINE = "org.javaasync.runtime.Coroutine";
    static final String ASYNC = "org.javaasync.runtime.Asyncio.async";

    private static final Set<String> MODIFIERS = Set.of(
            "public", "protected", "private", "static", "final", "synchronized", "strictfp", "abstract", "default");
    private static final Set<String> NOT_AN_OPERAND = Set.of(
            "instanceof",
            "extends",
            "implements",
            "throws",
            "case",
            "default",
            "else",
            "return",
            "yield",
            "import",
            "package",
            "class",
            "interface",
            "enum",
            "record");
    private static final Map<String, String> BOXED = Map.of(
            "int",
            "Integer",
            "long",
            "Long",
            "double",
            "Double",
            "float",
            "Float",
            "boolean",
            "Boolean",
            "char",
            "Character",
            "byte",
            "Byte",
            "short",
            "Short",
            "void",
            "Void");

    private final String src;
    private final List<Token> t;
    private final List<RewrittenSource.Edit> edits = new ArrayList<>();

    private AwaitRewriter(String src) {
        this.src = src;
        this.t = JavaTokens.significant(src);
    }

    /**
     * Rewrites {@code source}; returns it unchanged (and cheaply) when it uses neither {@code await} nor {@code async}.
     */
    public static RewrittenSource rewrite(String source) {
        if (!source.contains("await") && !source.contains("async")) {
            return RewrittenSource.unchanged(source);
        }
        AwaitRewriter r = new AwaitRewriter(source);
        r.run();
        return r.edits.isEmpty() ? RewrittenSource.unchanged(source) : RewrittenSource.apply(source, r.edits);
    }

    private void run() {
        for (int k = 0; k < t.size(); k++) {
            Token tok = t.get(k);
            if (!tok.isIdent() || afterMemberAccess(k)) {
                continue;
            }
            if (tok.is("await")) {
                rewriteAwait(k);
            } else if (tok.is("async") && !rewriteAsyncLambda(k)) {
                rewriteAsyncMethod(k);
            }
        }
    }

    private boolean afterMemberAccess(int k) {
        return k > 0 && (t.get(k - 1).is(".") || t.get(k - 1).is("::"));
    }

    // ---- await expr ----------------------------------------------------------------------------------------

    private void rewriteAwait(int k) {
        if (k + 1 >= t.size() || !startsOperand(t.get(k + 1))) {
            return; // await(x), a variable named await, or the end of the cell
        }
        // `await async () -> body`: the operand is the whole async lambda, not the call `async ()`.
        int lambdaEnd = t.get(k + 1).is("async") ? asyncLambdaEnd(k + 1) : -1;
        int last = lambdaEnd >= 0 ? lambdaEnd : postfixEnd(k + 1);
        edits.add(new RewrittenSource.Edit(
                t.get(k).start(), t.get(k + 1).start() - t.get(k).start(), "await("));
        edits.add(new RewrittenSource.Edit(t.get(last).end(), 0, ")"));
    }

    private boolean startsOperand(Token tok) {
        return switch (tok.kind()) {
            case IDENT -> !NOT_AN_OPERAND.contains(tok.text());
            case NUMBER, STRING, CHAR -> true;
            default -> false;
        };
    }

    /** Index of the last token of the postfix expression starting at {@code j}. */
    private int postfixEnd(int j) {
        int end = t.get(j).is("new") ? newExpressionEnd(j) : j;
        while (end + 1 < t.size()) {
            Token next = t.get(end + 1);
            if (next.is("(") || next.is("[")) {
                end = matching(end + 1);
            } else if (next.is(".") && end + 2 < t.size()) {
                int member = end + 2;
                if (t.get(member).is("<")) {
                    member = matchingAngle(member) + 1;
                }
                if (member >= t.size() || !t.get(member).isIdent()) {
                    break;
                }
                end = t.get(member).is("new") ? newExpressionEnd(member) : member;
            } else {
                break;
            }
        }
        return end;
    }

    /** {@code new Type<...>(args) {body}} or {@code new Type[n]...{init}}: index of its last token. */
    private int newExpressionEnd(int j) {
        int i = j + 1;
        while (i < t.size() && (t.get(i).isIdent() || t.get(i).is("."))) i++;
        if (i < t.size() && t.get(i).is("<")) i = matchingAngle(i) + 1;
        if (i >= t.size()) return t.size() - 1;
        if (t.get(i).is("(")) {
            int close = matching(i);
            return close + 1 < t.size() && t.get(close + 1).is("{") ? matching(close + 1) : close;
        }
        int end = i - 1;
        while (end + 1 < t.size() && t.get(end + 1).is("[")) end = matching(end + 1);
        return end + 1 < t.size() && t.get(end + 1).is("{") ? matching(end + 1) : end;
    }

    /** Index of the bracket closing the one at {@code open}, or the last token when the cell ends first. */
    private int matching(int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            String s = t.get(i).text();
            if (s.equals("(") || s.equals("[") || s.equals("{")) depth++;
            if (s.equals(")") || s.equals("]") || s.equals("}")) {
                if (--depth == 0) return i;
            }
        }
        return t.size() - 1;
    }

    private int matchingAngle(int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            String s = t.get(i).text();
            if (s.equals("<")) depth++;
            if (s.equals(">") && --depth == 0) return i;
            if (s.equals(";") || s.equals("{") || s.equals(")")) return i - 1;
        }
        return t.size() - 1;
    }

    // ---- async lambdas -------------------------------------------------------------------------------------

    /**
     * {@code async () -> body} becomes {@code async(() -> body)}: a coroutine of the lambda, as the runtime's
     * {@code async(...)} makes one. The lambda ends where its body does: a block's closing brace, or for an expression
     * the first {@code , ) ] } ;} outside brackets. A lambda with parameters ({@code async x -> ...}) is rewritten the
     * same way, so that javac's error is about {@code async}'s argument, which the compile errors explain (a coroutine
     * body takes no parameters). Returns whether the async at {@code k} was one.
     */
    private boolean rewriteAsyncLambda(int k) {
        int last = asyncLambdaEnd(k);
        if (last < 0) {
            return false;
        }
        edits.add(new RewrittenSource.Edit(
                t.get(k).end(), t.get(k + 1).start() - t.get(k).end(), "("));
        edits.add(new RewrittenSource.Edit(t.get(last).end(), 0, ")"));
        return true;
    }

    /** If an async lambda starts at the {@code async} token {@code k}, the index of its last token; else -1. */
    private int asyncLambdaEnd(int k) {
        int arrow;
        if (k + 1 < t.size() && t.get(k + 1).is("(")) {
            arrow = matching(k + 1) + 1;
        } else if (k + 1 < t.size() && t.get(k + 1).isIdent()) {
            arrow = k + 2;
        } else {
            return -1;
        }
        if (arrow >= t.size() || !t.get(arrow).is("->") || arrow + 1 >= t.size()) {
            return -1;
        }
        return t.get(arrow + 1).is("{") ? matching(arrow + 1) : expressionEnd(arrow + 1);
    }

    /** Index of the last token of an expression starting at {@code j}: before the first , ) ] } ; at its level. */
    private int expressionEnd(int j) {
        int depth = 0;
        for (int i = j; i < t.size(); i++) {
            String s = t.get(i).text();
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                depth++;
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                if (depth == 0) return i - 1;
                depth--;
            } else if (depth == 0 && (s.equals(",") || s.equals(";"))) {
                return i - 1;
            }
        }
        return t.size() - 1;
    }

    // ---- async methods -------------------------------------------------------------------------------------

    private void rewriteAsyncMethod(int k) {
        int i = k + 1;
        List<String> modifiers = new ArrayList<>();
        int annotationsStart = annotationsBefore(k);
        for (int b = annotationsStart; b < k; b++) {
            if (MODIFIERS.contains(t.get(b).text())) modifiers.add(t.get(b).text());
        }
        while (i < t.size() && MODIFIERS.contains(t.get(i).text()))
            modifiers.add(t.get(i++).text());
        int typeParamsStart = i;
        if (i < t.size() && t.get(i).is("<")) i = matchingAngle(i) + 1;
        int typeStart = i;
        int typeEnd = typeEnd(i);
        if (typeEnd < 0 || typeEnd + 2 >= t.size()) return;
        int name = typeEnd + 1;
        int open = name + 1;
        if (!t.get(name).isIdent() || !t.get(open).is("(")) return; // async(...) call, or a variable named async
        int close = matching(open);
        int after = close + 1;
        int throwsStart = after < t.size() && t.get(after).is("throws") ? after : -1;
        while (after < t.size() && !t.get(after).is("{") && !t.get(after).is(";")) after++;
        if (after >= t.size()) return;

        String typeParams = typeStart > typeParamsStart ? text(typeParamsStart, typeStart - 1) + " " : "";
        String type = text(typeStart, typeEnd);
        String boxed = type.contains("[") ? type : BOXED.getOrDefault(type, type);
        String methodName = t.get(name).text();
        String coroutineType = COROUTINE + "<" + boxed + ">";

        edits.add(removal(k, k + 1)); // the async keyword and the space after it
        // Annotations (@Override, @Deprecated...) describe the method the caller sees: they move to the wrapper;
        // modifiers among them stay on the body method and are repeated on the wrapper.
        StringBuilder annotations = new StringBuilder();
        for (int b = annotationsStart; b < k; ) {
            if (MODIFIERS.contains(t.get(b).text())) {
                b++;
                continue;
            }
            int end = annotationEnd(b);
            annotations.append(text(b, end)).append(' ');
            edits.add(removal(b, end + 1));
            b = end + 1;
        }
        if (t.get(after).is(";")) {
            // abstract or interface method: only its type changes, and it throws nothing when called
            edits.add(new RewrittenSource.Edit(
                    t.get(typeStart).start(),
                    t.get(typeEnd).end() - t.get(typeStart).start(),
                    coroutineType));
            if (throwsStart >= 0) {
                edits.add(new RewrittenSource.Edit(
                        t.get(close).end(), t.get(after).start() - t.get(close).end(), ""));
            }
            return;
        }
        // The body's method comes first, under the name name$async, so that JShell (which compiles each method of
        // a cell as its own snippet) already knows it when the wrapper is compiled; otherwise a wrapper of a new
        // overload would bind to an older name$async. The wrapper follows the body's closing brace, on its line.
        edits.add(new RewrittenSource.Edit(t.get(name).end(), 0, "$async"));
        String throwsException = "throws Exception ";
        if (throwsStart >= 0) {
            edits.add(new RewrittenSource.Edit(
                    t.get(throwsStart).start(),
                    t.get(after).start() - t.get(throwsStart).start(),
                    throwsException));
        } else {
            edits.add(new RewrittenSource.Edit(t.get(after).start(), 0, throwsException));
        }
        int bodyEnd = matching(after);
        if (!t.get(bodyEnd).is("}")) {
            return; // unterminated body: leave the rest to the compiler's error
        }
        String args = String.join(", ", parameterNames(open, close));
        String call = methodName + "$async(" + args + ")";
        String lambda = type.equals("void") ? "() -> { " + call + "; }" : "() -> " + call;
        String wrapperModifiers = modifiers.isEmpty() ? "" : String.join(" ", modifiers) + " ";
        String wrapper = " " + annotations + wrapperModifiers + typeParams + coroutineType + " " + methodName + "("
                + src.substring(t.get(open).end(), t.get(close).start())
                + ") { return " + ASYNC + "(\"" + methodName + "\", " + lambda + "); }";
        edits.add(new RewrittenSource.Edit(t.get(bodyEnd).end(), 0, wrapper));
    }

    /** Index of the first of the annotations and modifiers right before token {@code k} ({@code k} if none). */
    private int annotationsBefore(int k) {
        int start = k;
        int b = k - 1;
        while (b >= 0) {
            if (MODIFIERS.contains(t.get(b).text())) {
                start = b--;
                continue;
            }
            int at = annotationStartEndingAt(b);
            if (at < 0) break;
            start = at;
            b = at - 1;
        }
        return Math.min(start, k);
    }

    /**
     * If an annotation ({@code @a.b.Name} or {@code @Name(...)}) ends at token {@code end}, its first token; else -1.
     */
    private int annotationStartEndingAt(int end) {
        int i = end;
        if (t.get(i).is(")")) {
            int depth = 0;
            for (; i >= 0; i--) {
                if (t.get(i).is(")")) depth++;
                if (t.get(i).is("(") && --depth == 0) break;
            }
            i--;
        }
        if (i < 0 || !t.get(i).isIdent()) return -1;
        while (i >= 2 && t.get(i - 1).is(".") && t.get(i - 2).isIdent()) i -= 2;
        return i >= 1 && t.get(i - 1).is("@") ? i - 1 : -1;
    }

    /** The last token of the annotation starting with the {@code @} at {@code at}. */
    private int annotationEnd(int at) {
        int i = at + 1;
        while (i + 2 < t.size() && t.get(i + 1).is(".") && t.get(i + 2).isIdent()) i += 2;
        return i + 1 < t.size() && t.get(i + 1).is("(") ? matching(i + 1) : i;
    }

    private RewrittenSource.Edit removal(int fromToken, int untilToken) {
        return new RewrittenSource.Edit(
                t.get(fromToken).start(),
                t.get(untilToken).start() - t.get(fromToken).start(),
                "");
    }

    /** Index of the last token of a type starting at {@code i} ({@code a.b.C<...>[]}), or -1. */
    private int typeEnd(int i) {
        if (i >= t.size() || !t.get(i).isIdent()) return -1;
        int end = i;
        while (true) {
            if (end + 1 < t.size() && t.get(end + 1).is("<")) {
                end = matchingAngle(end + 1);
            } else if (end + 2 < t.size()
                    && t.get(end + 1).is(".")
                    && t.get(end + 2).isIdent()) {
                end += 2;
            } else if (end + 2 < t.size()
                    && t.get(end + 1).is("[")
                    && t.get(end + 2).is("]")) {
                end += 2;
            } else {
                return end;
            }
        }
    }

    /** The names of the parameters between the parentheses at {@code open} and {@code close}. */
    private List<String> parameterNames(int open, int close) {
        List<String> names = new ArrayList<>();
        String lastIdent = null;
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            Token tok = t.get(i);
            if (tok.is("<") || tok.is("(")) depth++;
            else if (tok.is(">") || tok.is(")")) depth--;
            else if (depth == 0 && tok.is(",")) {
                if (lastIdent != null && !lastIdent.equals("this")) names.add(lastIdent);
                lastIdent = null;
            } else if (depth == 0 && tok.isIdent()) lastIdent = tok.text();
        }
        if (lastIdent != null && !lastIdent.equals("this")) names.add(lastIdent);
        return names;
    }

    private String text(int fromToken, int toToken) {
        return src.substring(t.get(fromToken).start(), t.get(toToken).end());
    }
}
