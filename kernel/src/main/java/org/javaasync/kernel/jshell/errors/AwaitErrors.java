package org.javaasync.kernel.jshell.errors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.jshell.rewrite.JavaTokens;
import org.javaasync.kernel.jshell.rewrite.JavaTokens.Token;

/**
 * Compile errors about {@code await} in words a user can act on. {@code await} is two overloaded generic methods, so
 * javac explains a wrong use with type inference: {@code await 5} lists both overloads and why neither applies,
 * {@code String s = await sleep(1)} reports the bounds of an inference variable. Here those become one sentence
 * each, an exception "never thrown" in a {@code try} around an {@code await} gets a hint on how {@code await}
 * rethrows, and an async lambda with parameters is told it takes none. Anything else keeps javac's message.
 */
final class AwaitErrors {

    private static final String AWAITABLES = "a Coroutine, Task, AsyncFuture or CompletionStage";
    private static final Pattern NOT_APPLICABLE = Pattern.compile("no suitable method found for await\\((.*)\\)");
    private static final Pattern EQUAL = Pattern.compile("(?m)^\\s*(?:equality constraints|inferred): ([^,\\n]+)");
    private static final Pattern LOWER = Pattern.compile("(?m)^\\s*lower bounds: ([^,\\n]+)");
    private static final Pattern UPPER = Pattern.compile("(?m)^\\s*upper bound(?:s|\\(s\\)): ([^,\\n]+)");

    private AwaitErrors() {}

    /**
     * The message to show instead of javac's {@code message}, with code {@code code}, for an error starting at
     * {@code start} of {@code source} (the snippet as compiled, after the await rewrite); {@code null} to keep
     * javac's.
     */
    static String explain(String code, String message, String source, int start) {
        if ("compiler.err.except.never.thrown.in.try".equals(code)) {
            return tryAroundAwait(source, start)
                    ? message + "\nHint: await rethrows whatever the awaited code throws, checked exceptions"
                            + " included,\nbut javac cannot see which, so it counts none. Catch Exception around"
                            + " the await and test its type:\ncatch (Exception e) { if (e instanceof IOException io)"
                            + " { ... } else { throw e; } }"
                    : null;
        }
        if (message.startsWith("no suitable method found for async(")
                && message.contains("incompatible parameter types in lambda expression")) {
            return "an async lambda takes no parameters: write async(() -> ...) or async () -> { ... }";
        }
        String operand = awaitOperand(source, start);
        if (operand == null) {
            return null;
        }
        Matcher notApplicable = NOT_APPLICABLE.matcher(message);
        if (notApplicable.find()) {
            return "await needs something to wait for (" + AWAITABLES + "), and " + operand + " is "
                    + withArticle(simple(notApplicable.group(1)));
        }
        if (message.startsWith("incompatible types: inference")
                || message.startsWith("incompatible types: inferred type")) {
            String result = first(EQUAL, message);
            if (result == null) {
                result = first(LOWER, message);
            }
            String expected = first(UPPER, message);
            if (result != null && expected != null) {
                return "incompatible types: await " + operand + " gives " + withArticle(simple(result))
                        + ", which cannot be converted to " + simple(expected);
            }
        }
        return null;
    }

    /** The operand's text if an {@code await(...)} call starts at {@code start}, else {@code null}. */
    private static String awaitOperand(String source, int start) {
        if (start < 0 || !source.startsWith("await", start)) {
            return null;
        }
        int open = start + "await".length();
        while (open < source.length() && Character.isWhitespace(source.charAt(open))) {
            open++;
        }
        if (open >= source.length() || source.charAt(open) != '(') {
            return null;
        }
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(open + 1, i).strip();
            }
        }
        return null;
    }

    /**
     * Whether the catch clause at {@code start} belongs to a {@code try} whose block holds an {@code await}: walks back
     * over the catch clauses before it to the try block.
     */
    private static boolean tryAroundAwait(String source, int start) {
        List<Token> tokens = JavaTokens.significant(source);
        int i = 0;
        while (i < tokens.size() && tokens.get(i).start() < start) {
            i++;
        }
        // javac reports at the clause's `catch` or at the type in it: find the `catch`.
        int clause = -1;
        for (int j = Math.min(i, tokens.size() - 1); j >= 0 && j >= i - 12; j--) {
            if (tokens.get(j).is("catch")) {
                clause = j;
                break;
            }
            if (j < i
                    && (tokens.get(j).is("{")
                            || tokens.get(j).is("}")
                            || tokens.get(j).is(";"))) {
                break;
            }
        }
        int k = clause - 1; // the `}` of the try block or of the catch clause before this one
        while (k >= 0 && tokens.get(k).is("}")) {
            int open = matchingOpen(tokens, k);
            if (open <= 0) {
                return false;
            }
            Token before = tokens.get(open - 1);
            if (before.is("try")) {
                return tokens.subList(open, k).stream().anyMatch(t -> t.is("await"));
            }
            if (!before.is(")")) {
                return false;
            }
            int paren = matchingOpen(tokens, open - 1);
            if (paren <= 0) {
                return false;
            }
            if (tokens.get(paren - 1).is("try")) {
                return tokens.subList(open, k).stream().anyMatch(t -> t.is("await")); // try-with-resources
            }
            if (!tokens.get(paren - 1).is("catch")) {
                return false;
            }
            k = paren - 2; // the `}` before that catch
        }
        return false;
    }

    /** Index of the bracket opening the one closed at {@code close}, or -1. */
    private static int matchingOpen(List<Token> tokens, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            String text = tokens.get(i).text();
            if (text.equals(")") || text.equals("]") || text.equals("}")) {
                depth++;
            } else if ((text.equals("(") || text.equals("[") || text.equals("{")) && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1).strip() : null;
    }

    /** Types without their packages: {@code org.javaasync.runtime.Task<java.lang.String>} → {@code Task<String>}. */
    private static String simple(String type) {
        return type.replaceAll("\\b(?:[a-z][\\w]*\\.)+(?=[A-Za-z])", "");
    }

    private static String withArticle(String type) {
        return ("aeiouAEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
