package org.javaasync.kernel.trace;

/**
 * The report of a task that failed while nobody awaited it, as asyncio words it ("Task exception was never
 * retrieved"), with the stack cut to what the user wrote ({@link CellFrames}): frames from the top down to the last
 * frame of cell code (JShell's {@code REPL} classes); the runtime's and the JDK's machinery below that says nothing to
 * the user. Causes, suppressed exceptions and the sub-exceptions of a group are shown as {@link ExceptionTree} shows
 * them.
 */
public final class UnretrievedFailure {

    private UnretrievedFailure() {}

    /**
     * The report text, ending with a newline. {@code locator} places a frame of cell code at its cell and line
     * ({@code "cell 2, line 5"}; {@code null} when it cannot).
     */
    public static String describe(String taskName, Throwable failure, int executionCount, FrameLocator locator) {
        StringBuilder out = new StringBuilder();
        out.append("Task exception was never retrieved\n");
        out.append("task: '")
                .append(taskName)
                .append("' (started by cell [")
                .append(executionCount)
                .append("]); await it, or handle the error inside it\n");
        for (String line : new CellFrames(locator).describe(failure)) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
