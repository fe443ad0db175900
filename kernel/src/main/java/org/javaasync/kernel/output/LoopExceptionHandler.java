package org.javaasync.kernel.output;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.trace.CellFrames;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.kernel.trace.JShellNames;
import org.javaasync.kernel.trace.UnretrievedFailure;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.ExceptionHandler;
import org.javaasync.runtime.Task;

/**
 * The kernel's loop exception handler (asyncio's {@code loop.set_exception_handler}): every error the loop cannot
 * hand to a caller is shown in the cell whose work it concerns, as asyncio words it, with the stack cut to the user's
 * code and placed at its cells and lines — a task's exception nobody retrieved, a coroutine never awaited, an
 * exception escaping a callback, a failure in a task group's bookkeeping.
 *
 * <p>The runtime runs the handler in the {@link org.javaasync.runtime.Context} of the task, callback, future or
 * coroutine concerned, and the cell rides in that context ({@link TaskRegistry#contextOfCurrentWork()}); a report
 * about nothing of a cell goes where unbound output goes (the running cell, else the last one), and before any cell
 * to the kernel log. A cell that has ended shows it in its background display.
 */
public final class LoopExceptionHandler implements ExceptionHandler {

    /** Keys shown as {@code key: value} lines under the message, as asyncio's default handler shows them. */
    private static final Set<String> DESCRIBED = Set.of("future", "task", "handle", "asyncgen");

    private final TaskRegistry<CellOutput> registry;
    private final Supplier<CellOutput> fallback;
    private final Consumer<String> log;
    private final FrameLocator locator;

    /**
     * @param fallback the cell for reports about nothing of a cell
     * @param log      where reports go before any cell exists
     * @param locator  places frames of cell code ({@code "cell 2, line 5"})
     */
    public LoopExceptionHandler(
            TaskRegistry<CellOutput> registry,
            Supplier<CellOutput> fallback,
            Consumer<String> log,
            FrameLocator locator) {
        this.registry = registry;
        this.fallback = fallback;
        this.log = log;
        this.locator = locator;
    }

    @Override
    public void handle(EventLoop loop, Map<String, Object> report) {
        CellOutput cell = LoopReports.cellOf(registry, fallback);
        String text = describe(report, cell == null ? 0 : cell.executionCount(), locator);
        if (cell != null) {
            cell.stream("stderr", text);
        } else {
            log.accept(text);
        }
    }

    /** The text of a report about work of cell {@code executionCount}, ending with a newline. */
    static String describe(Map<String, Object> report, int executionCount, FrameLocator locator) {
        // A coroutine's name can be a lambda's class in a cell wrapper: shown as the user wrote it.
        String message =
                JShellNames.scrub(String.valueOf(report.getOrDefault("message", "Unhandled exception in event loop")));
        Throwable exception = report.get("exception") instanceof Throwable t ? t : null;
        if (report.get("task_name") instanceof String taskName && exception != null) {
            return UnretrievedFailure.describe(taskName, exception, executionCount, locator);
        }
        CellFrames cellFrames = new CellFrames(locator);
        StringBuilder out = new StringBuilder();
        if (report.containsKey("coroutine")) {
            // Python's words: a RuntimeWarning, and what was probably meant.
            out.append("RuntimeWarning: ").append(message).append(" (did you forget 'await'?)\n");
            if (report.get("source_traceback") instanceof StackTraceElement[] createdAt) {
                out.append("Coroutine created at (most recent call first):\n");
                cellFrames.lines(createdAt).forEach(line -> out.append(line).append('\n'));
            }
            return out.toString();
        }
        out.append(message).append('\n');
        report.forEach((key, value) -> {
            if (DESCRIBED.contains(key)) {
                out.append(key).append(": ").append(describe(value)).append('\n');
            }
        });
        if (exception != null) {
            cellFrames.describe(exception).forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static String describe(Object value) {
        return value instanceof Task<?> task ? "'" + task.getName() + "'" : String.valueOf(value);
    }
}
