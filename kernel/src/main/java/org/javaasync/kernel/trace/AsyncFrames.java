package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * How stack frames of the await rewrite read for the user. An {@code async} method {@code fetch} runs as the method
 * {@code fetch$async}, started by a lambda in the wrapper {@code fetch} that the rewrite generated
 * ({@code lambda$fetch$0}). A trace names the body frame {@code fetch}, as the user wrote it, and leaves the lambda
 * out, as Python's traceback shows a coroutine's frame and nothing of the machinery that runs it.
 */
public final class AsyncFrames {

    private static final String SUFFIX = "$async";

    private AsyncFrames() {}

    /** The method's name as the user wrote it: {@code fetch} for the rewrite's {@code fetch$async}. */
    public static String userName(String method) {
        return method.endsWith(SUFFIX) ? method.substring(0, method.length() - SUFFIX.length()) : method;
    }

    /**
     * A method of cell code as a trace shows it: {@code fetch} for {@code fetch$async}, {@code <cell>} for the
     * cell's own statements (JShell's {@code do_it$}, the {@code do_it$Aux} it computes some variables' values in,
     * or no name), {@code lambda in fetch} for {@code lambda$fetch$async$0} and {@code lambda in <cell>} for
     * {@code lambda$do_it$$0}.
     */
    public static String displayName(String method) {
        if (method.isEmpty() || method.equals("do_it$") || method.equals("do_it$Aux")) {
            return "<cell>";
        }
        if (method.startsWith("lambda$")) {
            // javac names a lambda lambda$<enclosing method>$<n>
            String enclosing = method.substring("lambda$".length());
            int counter = enclosing.lastIndexOf('$');
            enclosing = counter > 0 ? enclosing.substring(0, counter) : enclosing;
            return enclosing.isEmpty() ? "lambda" : "lambda in " + displayName(enclosing);
        }
        return userName(method);
    }

    /**
     * Whether {@code method} is the rewrite's lambda that started the async body named {@code methodAbove}, the
     * frame right above it in the trace.
     */
    public static boolean isGlue(String method, String methodAbove) {
        return methodAbove != null
                && methodAbove.endsWith(SUFFIX)
                && method.startsWith("lambda$" + userName(methodAbove) + "$");
    }

    /** {@code stack} without the rewrite's lambdas that start async bodies. */
    public static List<StackTraceElement> withoutGlue(StackTraceElement[] stack) {
        List<StackTraceElement> kept = new ArrayList<>(stack.length);
        String above = null;
        for (StackTraceElement frame : stack) {
            if (!isGlue(frame.getMethodName(), above)) {
                kept.add(frame);
            }
            above = frame.getMethodName();
        }
        return kept;
    }
}
