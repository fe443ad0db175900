package org.javaasync.kernel.output;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.trace.CellFrames;
import org.javaasync.kernel.trace.FrameLocator;

/**
 * The event loop's reporter in the kernel: the runtime's text reports (debug mode's slow steps, a try-with-resources
 * timeout that keeps interrupting its block) go to the stderr of the cell of the work concerned — into its background
 * display once the cell has ended — instead of the kernel log. Errors go through the loop's exception handler
 * ({@link LoopExceptionHandler}); its texts come here only if that handler itself failed.
 *
 * <p>The runtime makes a report about a task in that task's context, so the cell is the one the current context
 * names ({@link TaskRegistry#contextOfCurrentWork()}); a report about no task goes where unbound output goes (the
 * running cell, else the last one).
 */
public final class LoopReports implements Consumer<String> {

    private final TaskRegistry<CellOutput> registry;
    private final Supplier<CellOutput> fallback;
    private final Consumer<String> log;
    private final CellFrames cellFrames;

    /**
     * @param fallback the cell for reports that concern no cell's work
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
        CellOutput cell = cellOf(registry, fallback);
        String text = cellFrames.rewrite(report.endsWith("\n") ? report : report + "\n");
        if (cell != null) {
            cell.stream("stderr", text);
        } else {
            log.accept(text);
        }
    }

    /** The cell of the work running now, else {@code fallback}'s. */
    static CellOutput cellOf(TaskRegistry<CellOutput> registry, Supplier<CellOutput> fallback) {
        CellOutput cell = registry.contextOfCurrentWork();
        return cell != null ? cell : fallback.get();
    }
}
