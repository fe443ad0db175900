package org.javaasync.kernel.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.runtime.CollectionReports;
import org.javaasync.runtime.Context;
import org.javaasync.runtime.EventLoop;

/**
 * Has what a cell left behind reported in that cell, at moments the kernel chooses. Python reports "coroutine ... was
 * never awaited" and "Task exception was never retrieved" when the object is freed, which reference counting makes
 * the moment the last reference goes; the JVM frees it whenever its collector runs, so such a report used to come
 * late, in whichever cell ran then, or never. The runtime reports at collection ({@link CollectionReports}); the
 * kernel collects:
 *
 * <ul>
 *   <li>when a cell's code ends, before its reply ({@link #afterCell}): its reports show in the cell, as Python's
 *       would at the end of the statement that dropped the object;
 *   <li>when a task of the cell fails after the cell ended, once the failure had time to be awaited by a sibling
 *       ({@link #afterBackground}), and when the cell's background tasks are all done, before its display shows them
 *       finished ({@link #beforeFinishing}): in its background display.
 * </ul>
 *
 * Only objects the session no longer references are freed, so a coroutine or a failed task held in a variable is
 * never reported while held. A collection runs only if the cell has watches still pending (a coroutine not started,
 * a failure not retrieved, created by its work): most cells cost nothing here. Before collecting, the loop is given a
 * turn, so that callbacks scheduled when the cell's task finished (which still hold its last values) have run.
 */
final class CollectionCheck {

    private static final Logger LOG = Logger.getLogger(CollectionCheck.class.getName());

    /** How long a check waits for the loop's turn; a loop held by a task that never awaits is not waited for. */
    static final long SETTLE_MILLIS = 500;

    private final EventLoop loop;
    private final Runnable collector;
    private final ScheduledExecutorService scheduler;
    private final Set<CellOutput> scheduled = ConcurrentHashMap.newKeySet();
    private volatile Function<Context, CellOutput> cellIn = context -> null;

    /**
     * @param loop      the loop whose reports are made
     * @param collector runs a collection ({@link System#gc()} in the kernel)
     * @param scheduler runs the checks after background activity
     */
    CollectionCheck(EventLoop loop, Runnable collector, ScheduledExecutorService scheduler) {
        this.loop = loop;
        this.collector = collector;
        this.scheduler = scheduler;
    }

    /** How to tell the cell a watched object belongs to from the context it would be reported in. */
    void cellsBy(Function<Context, CellOutput> cellIn) {
        this.cellIn = cellIn;
    }

    /** The cell's code has ended: report now what it left, before its reply. Called on the execution thread. */
    void afterCell(CellOutput cell) {
        check(cell);
    }

    /**
     * Background work of {@code cell} may have left something: check after {@code delayMillis}, on the scheduler.
     * Checks asked for while one is scheduled are one check. Never call under a cell's lock's wait: the reports go
     * to the cell.
     */
    void afterBackground(CellOutput cell, long delayMillis) {
        if (scheduled.add(cell)) {
            scheduler.schedule(
                    () -> {
                        scheduled.remove(cell);
                        check(cell);
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The cell's background tasks are all done: check at once, on the scheduler, then run {@code then} (which
     * finishes the display), whatever other check is pending.
     */
    void beforeFinishing(CellOutput cell, Runnable then) {
        scheduler.execute(() -> {
            try {
                check(cell);
            } finally {
                then.run();
            }
        });
    }

    private void check(CellOutput cell) {
        try {
            CollectionReports reports = loop.collectionReports();
            Function<Context, CellOutput> of = cellIn;
            if (reports.pending(context -> of.apply(context) == cell) > 0) {
                letTheLoopTurn();
                collector.run();
            }
            // Also when nothing is pending: a collection of the JVM's own may have freed something of the cell, whose
            // report the runtime's thread is making now; this waits for it, so it lands before the reply too.
            reports.reportCollected();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checking what cell [" + cell.executionCount() + "] left to report", e);
        }
    }

    private void letTheLoopTurn() {
        if (!loop.isRunning() || loop.inEventLoop()) {
            return;
        }
        CountDownLatch turned = new CountDownLatch(1);
        loop.callSoonThreadsafe(turned::countDown);
        try {
            turned.await(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
