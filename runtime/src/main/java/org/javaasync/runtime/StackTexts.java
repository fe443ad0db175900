package org.javaasync.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Stack traces as the loop's text reports print them. */
final class StackTexts {
    private StackTexts() {}

    /** {@code t}'s stack trace as {@link Throwable#printStackTrace()} prints it. */
    static String of(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** One {@code "\tat frame"} line per frame, as a thread dump prints them. */
    static String of(StackTraceElement[] frames) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : frames) {
            out.append("\tat ").append(frame).append('\n');
        }
        return out.toString();
    }
}
