package org.javaasync.kernel.output;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.trace.CellFrames;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.Task;

/**
 * The event loop's reporter in the kernel: the runtime's reports (debug mode's slow steps and never-awaited
 * coroutines, "Exception in callback", "... exception was never retrieved" at collection) go to the stderr of the
 * cell of the task concerned — into its background display once the cell has ended — instead of the kernel log.
 *
 * <p>The task concerned is the task running on the reporting thread if any; a slow-step report is made on the loop
 * thread after the step, so it is found by the task name the report starts with; otherwise the report goes where
 * unbound output goes (the running cell, else the last one).
 */
public final class LoopReports implements Consumer<String> {

    private static final Pattern SLOW_TASK = Pattern.compile("^Executing <Task (.*?)> took ");

    private final TaskRegistry<CellOutput> registry;
    private final Supplier<CellOutput> fallback;
    private final Consumer<String> log;
    private final CellFrames cellFrames;

    /**
     * @param fallback the cell for reports that concern no known task
     * @param log      where reports go before any cell exists
     * @param locator  where a frame of cell code is ({@code "cell 2, line 5"}, or {@code null}): the stack traces in
     *                 reports show cell code as the user wrote it ({@link CellFrames})
     */
    public LoopReports(
            TaskRegistry<CellOutput> registry,
            Supplier<CellOutput> fallback,
            Consumer<String> log,
            FrameLocator locator) {
        this.registry = registry;
        this.fallback = fallback;
        this.log = log;
        this.cellFrames = new CellFrames(locator);
    }

    @Override
    public void accept(String report) {
        CellOutput cell = cellOf(report);
        String text = cellFrames.rewrite(report.endsWith("\n") ? report : report + "\n");
        if (cell != null) {
            cell.stream("stderr", text);
        } else {
            log.accept(text);
        }
    }

    /** The cell the report concerns. */
    CellOutput cellOf(String report) {
        CellOutput cell = registry.currentContext();
        if (cell != null) {
            return cell;
        }
        Matcher slow = SLOW_TASK.matcher(report);
        if (slow.find()) {
            String name = slow.group(1);
            CellOutput found = null;
            for (TaskRegistry.Entry<CellOutput> entry : registry.all()) {
                Task<?> task = entry.task();
                if (task.getName().equals(name)) {
                    found = entry.context(); // the newest task of that name: the one most likely still stepping
                }
            }
            if (found != null) {
                return found;
            }
        }
        return fallback.get();
    }
}
