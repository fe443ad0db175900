package org.javaasync.kernel.trace;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.javaasync.runtime.Task;

/**
 * The report of a task that failed while nobody awaited it, as asyncio words it ("Task exception was never
 * retrieved"), with the stack cut to what the user wrote: frames from the top down to the last frame of cell code
 * (JShell's {@code REPL} classes); the runtime's and the JDK's machinery below that says nothing to the user.
 */
public final class UnretrievedFailure {

    private static final int MAX_FRAMES = 30;

    private UnretrievedFailure() {}

    /**
     * The report text, ending with a newline. {@code locator} places a frame of cell code at its cell and line
     * ({@code "cell 2, line 5"}; {@code null} when it cannot).
     */
    public static String describe(Task<?> task, Throwable failure, int executionCount, FrameLocator locator) {
        StringBuilder out = new StringBuilder();
        out.append("Task exception was never retrieved\n");
        out.append("task: '")
                .append(task.getName())
                .append("' (started by cell [")
                .append(executionCount)
                .append("]); await it, or handle the error inside it\n");
        CellFrames cellFrames = new CellFrames(locator);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String prefix = "";
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            out.append(prefix).append(t).append('\n');
            frames(t.getStackTrace(), out, cellFrames);
            prefix = "Caused by: ";
        }
        return out.toString();
    }

    private static void frames(StackTraceElement[] stack, StringBuilder out, CellFrames cellFrames) {
        List<RuntimeFrames.Shown> shown = CellFrames.shown(stack);
        for (int i = 0; i < shown.size(); i++) {
            if (i == MAX_FRAMES) {
                out.append("    ... ").append(shown.size() - i).append(" more frames\n");
                return;
            }
            switch (shown.get(i)) {
                case RuntimeFrames.Frame(StackTraceElement frame) ->
                    out.append("    at ").append(cellFrames.describe(frame)).append('\n');
                case RuntimeFrames.Folded folded ->
                    out.append("    ").append(folded.text()).append('\n');
            }
        }
    }
}
