package org.javaasync.kernel.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.EventLoop;

/**
 * The outputs of all cells: opens a {@link CellOutput} when a cell begins and ends it when its code is done, feeds
 * each cell the created and done events of its tasks, and keeps the background displays that are still open, to
 * publish them again whenever a cell begins (a client such as {@code nbclient} reads only the running cell's
 * messages, and would miss an update that fell between two cells).
 *
 * <p>What every cell shares lives here too: the frontend, the scheduler of flushes and updates, the clock, and the
 * {@link CollectionCheck} that has what a cell left behind (a coroutine never awaited, a failure never retrieved)
 * reported in it. Thread-safe.
 */
public final class CellOutputs {

    private final Frontend frontend;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;
    private final FrameLocator locator;
    private final CollectionCheck collections;
    private final OutputRouter router;
    private final Set<CellOutput> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final String session = Long.toHexString(System.nanoTime());

    /**
     * @param frontend  where every cell's messages go
     * @param scheduler runs the flushes of text and the updates of background displays
     * @param nanoTime  the clock of those delays ({@link System#nanoTime} in the kernel)
     * @param loop      the loop of the cells' tasks, whose reports at collection go to the cells
     * @param collector runs a garbage collection ({@link System#gc()}), when a cell may have left something to
     *                  report
     * @param locator   places frames of cell code in failure reports
     * @param router    says which cell executes now
     */
    public CellOutputs(
            Frontend frontend,
            ScheduledExecutorService scheduler,
            LongSupplier nanoTime,
            EventLoop loop,
            Runnable collector,
            FrameLocator locator,
            OutputRouter router) {
        this.frontend = frontend;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.locator = locator;
        this.router = router;
        this.collections = new CollectionCheck(loop, collector, scheduler);
    }

    /**
     * Feeds each cell the tasks it started, as {@code tasks} sees them created and done, and files what the runtime
     * reports at collection under the cell whose work made it. Call once.
     */
    public void watch(TaskRegistry<CellOutput> tasks) {
        collections.cellsBy(tasks::contextIn);
        tasks.onCreated(entry -> {
            if (entry.context() != null) {
                entry.context().taskCreated(entry.task());
            }
        });
        tasks.onDone(entry -> {
            if (entry.context() != null) {
                entry.context().taskDone(entry.task());
            }
        });
    }

    /**
     * Opens the output of a cell that begins executing and makes it the executing cell; background displays still
     * open are published again under it. A {@code silent} cell never leaves a display (it shows nothing but what it
     * prints). Called on the execution thread.
     */
    public CellOutput begin(Parent parent, int executionCount, boolean allowStdin, boolean silent) {
        CellOutput cell = new CellOutput(parent, executionCount, allowStdin, silent, OutputLimit.current(), this);
        router.begin(cell);
        if (silent) {
            return cell; // a silent request (a frontend's own query) carries no one else's output
        }
        for (CellOutput other : open) {
            if (other.republish()) {
                open.remove(other); // finished: this was its last republication
            }
        }
        return cell;
    }

    /**
     * The cell's code has finished ({@link CellOutput#end}): what it left to report at collection is reported in it
     * now; later output of its tasks goes to its background display. Called on the execution thread, before the
     * cell's {@code idle}, after the frames that held the cell's values have returned.
     */
    public void end(CellOutput cell) {
        try {
            if (!cell.silent()) {
                collections.afterCell(cell);
            }
            cell.end();
        } finally {
            router.end(cell);
        }
    }

    Frontend frontend() {
        return frontend;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    FrameLocator locator() {
        return locator;
    }

    String uniqueId() {
        return session + "-" + ids.incrementAndGet();
    }

    /** {@code cell} opened a background display. */
    void opened(CellOutput cell) {
        open.add(cell);
    }

    /**
     * The parent of an update of {@code cell}'s display: the executing cell's request if one runs (and is not
     * silent), else the cell's own. The classic notebook and {@code nbclient} find the display by its id whatever
     * the parent; JupyterLab applies an update only in the output area whose request is its parent, which is the
     * cell's own when nothing else runs, and the republication under the next cell reaches the others.
     */
    Parent updateParent(CellOutput cell) {
        CellOutput executing = router.executing();
        return (executing != null && !executing.silent() ? executing : cell).parent();
    }

    CollectionCheck collections() {
        return collections;
    }
}
