package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.javaasync.runtime.AwaitTraces;
import org.javaasync.runtime.ExceptionGroup;
import org.javaasync.runtime.TimeoutError;

/**
 * A live exception as the kernel shows it, with what Java's own {@code printStackTrace} leaves out or buries:
 *
 * <ul>
 *   <li>an {@link ExceptionGroup} as Python 3.11 prints one: a box, {@code + Exception Group Traceback}, with each
 *       sub-exception numbered under it ({@code +-+---------------- 1 ----------------}), its type, message and
 *       lines, nested groups indented one level more (at most {@value #MAX_WIDTH} sub-exceptions per group and
 *       {@value #MAX_DEPTH} levels, as Python's {@code max_group_width} and {@code max_group_depth});
 *   <li>where an exception was awaited ({@link AwaitTraces}): a task's failure shows the task's lines, then
 *       {@value #AWAITED} and the lines of the awaits it crossed, as Python's traceback does;
 *   <li>causes ({@code Caused by:}) and suppressed exceptions ({@code Suppressed:}, indented), a group's own
 *       sub-exceptions excepted (a group also keeps them as suppressed, for {@code printStackTrace}).
 * </ul>
 *
 * How a headline and a stack read is the caller's: a cell's error and a background task's report place cell code
 * each in their own way. Java's order is kept (headline first, most recent call first), so the box says "most recent
 * call first" where Python says "last".
 */
public final class ExceptionTree {

    /** Python's {@code max_group_width}: sub-exceptions shown per group. */
    static final int MAX_WIDTH = 15;
    /** Python's {@code max_group_depth}: nested group levels shown. */
    static final int MAX_DEPTH = 10;

    private static final int MAX_CAUSES = 10;
    static final String AWAITED = "... where it was awaited:";

    private final Function<Throwable, String> headline;
    private final Function<StackTraceElement[], List<String>> frames;
    private final Set<Throwable> seen;
    private final List<String> out = new ArrayList<>();
    private int depth;
    private boolean needClose;

    private ExceptionTree(
            Function<Throwable, String> headline,
            Function<StackTraceElement[], List<String>> frames,
            Set<Throwable> seen) {
        this.headline = headline;
        this.frames = frames;
        this.seen = seen;
    }

    /**
     * The lines that show {@code thrown}.
     *
     * @param headline the first line of an exception: its type and message ({@link #headline(Throwable, Function)})
     * @param frames   the lines of a stack, each indented four spaces ({@code "    at fetch(line 2)"})
     */
    public static List<String> lines(
            Throwable thrown,
            Function<Throwable, String> headline,
            Function<StackTraceElement[], List<String>> frames) {
        ExceptionTree tree = new ExceptionTree(headline, frames, Collections.newSetFromMap(new IdentityHashMap<>()));
        tree.format(thrown, "", 0);
        return tree.out;
    }

    /**
     * {@code "type: message"} as {@link Throwable#toString()} says it, except that a {@link TimeoutError} of the
     * runtime says where its deadline was set, placed by {@code place} ({@code "cell 5, line 3"}, or {@code null}).
     */
    public static String headline(Throwable thrown, Function<StackTraceElement, String> place) {
        String type = thrown.getClass().getName();
        String message = message(thrown, place);
        return message == null ? type : type + ": " + message;
    }

    /** The message {@link #headline} shows: a runtime {@link TimeoutError}'s with its place. */
    public static String message(Throwable thrown, Function<StackTraceElement, String> place) {
        if (thrown instanceof TimeoutError timeout && timeout.calledAt() != null) {
            return timeout.describeAt(place.apply(timeout.calledAt()));
        }
        return thrown.getMessage();
    }

    private void format(Throwable thrown, String prefix, int causes) {
        if (!seen.add(thrown)) {
            emit(prefix + "[CIRCULAR REFERENCE: " + headline.apply(thrown) + "]");
            return;
        }
        if (thrown instanceof ExceptionGroup group) {
            formatGroup(group, prefix, causes);
        } else {
            emit(prefix + headline.apply(thrown));
            stack(thrown);
            chained(thrown, List.of(), causes);
        }
    }

    /** The exception's frames, then those of the awaits it crossed. */
    private void stack(Throwable thrown) {
        frames.apply(thrown.getStackTrace()).forEach(this::emit);
        for (StackTraceElement[] await : AwaitTraces.of(thrown)) {
            List<String> lines = frames.apply(await);
            if (!lines.isEmpty()) {
                emit("    " + AWAITED);
                lines.forEach(this::emit);
            }
        }
    }

    /** Suppressed exceptions but {@code own} (a group's sub-exceptions), then the cause. */
    private void chained(Throwable thrown, List<Throwable> own, int causes) {
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (own.stream().noneMatch(o -> o == suppressed)) {
                suppressed(suppressed);
            }
        }
        Throwable cause = thrown.getCause();
        if (cause != null && causes < MAX_CAUSES) {
            format(cause, "Caused by: ", causes + 1);
        }
    }

    private void suppressed(Throwable suppressed) {
        ExceptionTree nested = new ExceptionTree(headline, frames, seen);
        nested.format(suppressed, "Suppressed: ", 0);
        nested.out.forEach(line -> emit("    " + line));
    }

    /** Python's {@code TracebackException.format} for a group, with its {@code _ExceptionPrintContext}. */
    private void formatGroup(ExceptionGroup group, String prefix, int causes) {
        if (depth > MAX_DEPTH) {
            emit("... (max_group_depth is " + MAX_DEPTH + ")");
            return;
        }
        boolean topLevel = depth == 0;
        if (topLevel) {
            depth++;
        }
        emit("Exception Group Traceback (most recent call first):", topLevel ? '+' : '|');
        emit(prefix + headline.apply(group));
        stack(group);
        List<Throwable> exceptions = group.exceptions();
        int shown = Math.min(exceptions.size(), MAX_WIDTH + 1);
        needClose = false;
        for (int i = 0; i < shown; i++) {
            boolean last = i == shown - 1;
            if (last) {
                needClose = true; // a nested group that comes last closes the box with its own line
            }
            boolean truncated = i >= MAX_WIDTH;
            out.add(indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + (truncated ? "..." : i + 1)
                    + " ----------------");
            depth++;
            if (truncated) {
                int more = exceptions.size() - MAX_WIDTH;
                emit("and " + more + " more exception" + (more == 1 ? "" : "s"));
            } else {
                format(exceptions.get(i), "", 0);
            }
            if (last && needClose) {
                out.add(indent() + "+------------------------------------");
                needClose = false;
            }
            depth--;
        }
        chained(group, exceptions, causes);
        if (topLevel) {
            depth = 0;
        }
    }

    private String indent() {
        return "  ".repeat(depth);
    }

    private void emit(String line) {
        emit(line, '|');
    }

    private void emit(String line, char margin) {
        out.add(depth == 0 ? line : indent() + margin + " " + line);
    }
}
