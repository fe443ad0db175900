package org.javaasync.kernel.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes JShell's and the JVM's generated names from text the user reads: cell code compiles into wrapper classes
 * ({@code REPL.$JShell$29}, one per snippet), so a class {@code Point} the user declared is
 * {@code REPL.$JShell$29$Point} to the JVM, a variable {@code arr} is {@code REPL.$JShell$33.arr} in a
 * {@code NullPointerException}'s message, and lambdas are hidden classes ({@code $JShell$18$$Lambda/0x00007f...}).
 * JShell's own tool shows the names as the user wrote them; so does the kernel, in values, messages and traces.
 *
 * <ul>
 *   <li>{@code REPL.$JShell$29$Point} → {@code Point}; {@code REPL.$JShell$33.arr} → {@code arr};</li>
 *   <li>a lambda's class, anyone's ({@code REPL.$JShell$18$$Lambda/0x0000...}, {@code AsyncFuture$$Lambda/0x...})
 *       → {@code <lambda>};</li>
 *   <li>an anonymous class of cell code ({@code REPL.$JShell$30$$JShell$anonymous$$0}) →
 *       {@code <anonymous class>};</li>
 *   <li>a wrapper class alone ({@code $JShell$16}, as in {@code <lambda in $JShell$16>}) → {@code <cell>}, the cell's
 *       own code.</li>
 * </ul>
 */
public final class JShellNames {

    private static final String WRAPPER = "(?:REPL\\.)?\\$JShell\\$[A-Za-z0-9_]+";
    private static final Pattern LAMBDA = Pattern.compile("[\\w$.]*\\$\\$Lambda(?:\\$\\d+)?(?:/0x[0-9a-fA-F]+)?");
    private static final Pattern ANONYMOUS = Pattern.compile(WRAPPER + "\\$\\$JShell\\$anonymous\\$\\$\\d+");
    private static final Pattern MEMBER = Pattern.compile(WRAPPER + "[$.](?=[\\w$])");
    private static final Pattern CELL = Pattern.compile(WRAPPER + "(?![\\w$])");

    private JShellNames() {}

    /** {@code text} with every generated name replaced as the class comment says; cheap when there is none. */
    public static String scrub(String text) {
        if (text == null || !text.contains("$JShell$") && !text.contains("$$Lambda")) {
            return text;
        }
        String out = replaceAll(LAMBDA, text, "<lambda>");
        out = replaceAll(ANONYMOUS, out, "<anonymous class>");
        out = replaceAll(MEMBER, out, "");
        return replaceAll(CELL, out, "<cell>");
    }

    private static String replaceAll(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(replacement)) : text;
    }
}
