package org.javaasync.kernel.jshell.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in a cell as the user wrote it, the scopes opened with try-with-resources that Java cannot give asyncio's
 * behaviour, and words the note the kernel shows for each: {@code try (var tg = new TaskGroup())} and
 * {@code try (var t = timeout(2.0))} (or {@code timeoutAt}). Java does not tell {@code close()} how the block ended:
 * a task group does not cancel its tasks for an exception of the block's own code (Python's {@code async with} does,
 * and raises them in an {@code ExceptionGroup}), and a timeout's deadline becomes a {@code TimeoutError} at the await
 * it interrupts, where a {@code catch} meant for an inner call can take it. The exact forms, coroutines whose body is
 * a lambda, see the body's exception as {@code __aexit__} does; the note shows the one to write, with the user's own
 * names and arguments.
 *
 * <p>The scan is lexical (comments and strings are skipped), so it also finds scopes inside method bodies and lambdas
 * of the cell. A {@code timeout(...)} qualified by anything but {@code Asyncio} (an {@code HttpRequest.Builder}'s,
 * say) is not the runtime's and is left alone.
 */
public final class ScopeForms {

    /** One scope found: where the {@code try} is (1-based cell line), and the note for it. */
    public record Found(int line, String note) {}

    private ScopeForms() {}

    /** The notes for the try-with-resources scopes of {@code cell}, in order; none for a cell without them. */
    public static List<String> notes(String cell) {
        return find(cell).stream().map(Found::note).toList();
    }

    /** The try-with-resources scopes of {@code cell}, in order; none for a cell without them. */
    public static List<Found> find(String cell) {
        if (!cell.contains("try") || !(cell.contains("TaskGroup") || cell.contains("timeout"))) {
            return List.of(); // most cells: not worth tokenizing
        }
        List<JavaTokens.Token> tokens = JavaTokens.significant(cell);
        List<Found> found = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("try") && tokens.get(i + 1).is("(")) {
                resources(cell, tokens, i, matching(tokens, i + 1), found);
            }
        }
        return found;
    }

    /** Looks at each resource of the try at {@code tryAt}, whose specification closes at {@code close}. */
    private static void resources(String cell, List<JavaTokens.Token> tokens, int tryAt, int close, List<Found> found) {
        int line = lineOf(cell, tokens.get(tryAt).start());
        for (int i = tryAt + 2; i < close; i++) {
            JavaTokens.Token token = tokens.get(i);
            if (token.is("(") || token.is("[") || token.is("{")) {
                i = matching(tokens, i); // a nested call's own parentheses hold no resource
                continue;
            }
            boolean call = i + 1 < close && tokens.get(i + 1).is("(");
            if (!call) {
                continue;
            }
            if (token.is("TaskGroup") && isNew(tokens, i)) {
                found.add(new Found(line, taskGroupNote(line, variable(tokens, tryAt + 2, i))));
            } else if ((token.is("timeout") || token.is("timeoutAt")) && isRuntimeCall(tokens, i)) {
                int argsEnd = matching(tokens, i + 1);
                String args = cell.substring(
                                tokens.get(i + 1).end(), tokens.get(argsEnd).start())
                        .strip();
                found.add(new Found(line, timeoutNote(line, token.text(), args)));
            }
        }
    }

    /** Whether the name at {@code i} is constructed: {@code new TaskGroup(}, {@code new a.b.TaskGroup(}. */
    private static boolean isNew(List<JavaTokens.Token> tokens, int i) {
        return tokens.get(qualifierStart(tokens, i)).is("new");
    }

    /**
     * Whether the call at {@code i} is the runtime's: unqualified (the kernel imports {@code Asyncio.*}) or qualified
     * by {@code Asyncio}, never a method of some other object, and never a constructor.
     */
    private static boolean isRuntimeCall(List<JavaTokens.Token> tokens, int i) {
        if (i > 0 && tokens.get(i - 1).is(".")) {
            return i > 1 && tokens.get(i - 2).is("Asyncio");
        }
        return i == 0 || !tokens.get(i - 1).is("new");
    }

    /** The index before a dotted name ending at {@code i}: the {@code new} of {@code new a.b.C(}, for example. */
    private static int qualifierStart(List<JavaTokens.Token> tokens, int i) {
        int j = i - 1;
        while (j > 0 && tokens.get(j).is(".") && tokens.get(j - 1).isIdent()) {
            j -= 2;
        }
        return Math.max(j, 0);
    }

    /** The name declared by the resource that contains the token at {@code at}, or {@code tg}. */
    private static String variable(List<JavaTokens.Token> tokens, int from, int at) {
        String name = "tg";
        for (int i = from; i < at; i++) {
            if (tokens.get(i).is(";")) {
                name = "tg";
            } else if (tokens.get(i).is("=") && i > from && tokens.get(i - 1).isIdent()) {
                name = tokens.get(i - 1).text();
            }
        }
        return name;
    }

    private static String taskGroupNote(int line, String name) {
        return "Note: line " + line + " opens a TaskGroup with try-with-resources. Java does not tell close() how the"
                + " block ended, so an exception thrown by the block's own code does not cancel the group's tasks:"
                + " they run to their end, and their failures only ride on that exception as suppressed ones"
                + " (Python's async with TaskGroup() cancels them and raises an ExceptionGroup). The exact form"
                + " behaves as asyncio does:\n"
                + "    await taskGroup(" + name + " -> {\n"
                + "        ...\n"
                + "    });";
    }

    private static String timeoutNote(int line, String function, String args) {
        String deadline = args.isEmpty() ? (function.equals("timeoutAt") ? "when" : "seconds") : args;
        return "Note: line " + line + " opens a " + function + "(...) scope with try-with-resources. Java does not"
                + " tell close() how the block ended, so the deadline becomes a TimeoutError at the await it"
                + " interrupts: a catch (TimeoutError e) inside the block meant for an inner call takes this scope's"
                + " deadline too, and if the block then awaits nothing more the deadline is lost; a finally block"
                + " inside cannot await after the deadline. The exact form behaves as asyncio's async with "
                + function + "(...) does:\n"
                + "    await " + function + "(" + deadline + ", () -> {\n"
                + "        ...\n"
                + "    });";
    }

    /** The index of the bracket that closes the one at {@code open}, or the last index if it never closes. */
    private static int matching(List<JavaTokens.Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            JavaTokens.Token token = tokens.get(i);
            if (token.is("(") || token.is("[") || token.is("{")) {
                depth++;
            } else if ((token.is(")") || token.is("]") || token.is("}")) && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
