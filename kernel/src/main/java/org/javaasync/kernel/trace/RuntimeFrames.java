package org.javaasync.kernel.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How the event-loop runtime's own frames read in a trace shown to the user. Between two frames of cell code they
 * are how one awaited the other ({@code Coroutine.runInline}, {@code Asyncio.await}) and are left out, as Python's
 * traceback shows a coroutine calling a coroutine and nothing of the loop. Above the cell's frames (where an
 * exception was raised inside the runtime: a {@code TimeoutError}, a {@code CancelledError}) a run of them is folded
 * into one line that says how many there were.
 */
public final class RuntimeFrames {

    // The runtime's package: its frames are machinery to the user.
    private static final String PACKAGE = "org.javaasync.runtime.";

    private RuntimeFrames() {}

    /** One line of a shown trace: a frame, or a count of runtime frames folded away. */
    public sealed interface Shown {}

    /** A frame shown as it is. */
    public record Frame(StackTraceElement frame) implements Shown {}

    /** {@code count} consecutive frames of the runtime, shown as one line. */
    public record Folded(int count) implements Shown {

        /** The line's text after the indent: {@code ... 5 frames of org.javaasync.runtime}. */
        public String text() {
            return "... " + count + (count == 1 ? " frame" : " frames") + " of "
                    + PACKAGE.substring(0, PACKAGE.length() - 1);
        }
    }

    /** Whether a frame of class {@code className} is the runtime's. */
    public static boolean isRuntime(String className) {
        return className.startsWith(PACKAGE);
    }

    /**
     * {@code stack} as shown: runtime frames between two frames of cell code ({@code isCell}) dropped, other runs of
     * runtime frames folded; all other frames kept in order.
     */
    public static List<Shown> shown(List<StackTraceElement> stack, Predicate<StackTraceElement> isCell) {
        int firstCell = -1;
        int lastCell = -1;
        for (int i = 0; i < stack.size(); i++) {
            if (isCell.test(stack.get(i))) {
                firstCell = firstCell < 0 ? i : firstCell;
                lastCell = i;
            }
        }
        List<Shown> shown = new ArrayList<>(stack.size());
        int folded = 0;
        for (int i = 0; i < stack.size(); i++) {
            StackTraceElement frame = stack.get(i);
            if (isRuntime(frame.getClassName())) {
                if (i < firstCell || i > lastCell) {
                    folded++;
                }
                continue;
            }
            if (folded > 0) {
                shown.add(new Folded(folded));
                folded = 0;
            }
            shown.add(new Frame(frame));
        }
        if (folded > 0) {
            shown.add(new Folded(folded));
        }
        return shown;
    }
}
