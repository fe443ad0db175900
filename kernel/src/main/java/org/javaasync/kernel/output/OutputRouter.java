package org.javaasync.kernel.output;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.evaluator.CellThreads;

/**
 * Decides which cell receives output written by user code: the cell of the task writing it, else the
 * {@link CellOutput} explicitly bound to the writing thread (work that cell code handed to an executor runs bound to
 * its cell, see {@link CellThreads}), else the cell that started the writing thread, else the cell now executing,
 * else the last cell that ran. Output before any cell ran goes to the kernel log. This is the {@link OutputSink}
 * handed to the display API and behind {@code System.out}/{@code System.err}.
 */
public final class OutputRouter implements OutputSink, CellThreads.Propagation {

    private static final Logger LOG = Logger.getLogger(OutputRouter.class.getName());

    // Not inheritable on purpose: long-lived threads (JShell's snippet runner, pools) are created while some cell
    // runs and would stick to it forever. Whoever knows better (a task's context) binds explicitly.
    private final ThreadLocal<CellOutput> bound = new ThreadLocal<>();
    private volatile Function<Thread, CellOutput> taskCell = t -> null;
    /** Threads that cell code started, with their cell; dead ones are dropped as new ones come. */
    private final Map<Thread, CellOutput> adopted = new ConcurrentHashMap<>();

    private volatile CellOutput active;
    private volatile CellOutput last;

    /** A binding of the current thread to a cell; closing restores the previous binding. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Routes output of the current thread to {@code cell} until the binding is closed. */
    public Binding bind(CellOutput cell) {
        CellOutput previous = bound.get();
        bound.set(cell);
        return () -> bound.set(previous);
    }

    /** Marks {@code cell} as the executing cell. */
    void begin(CellOutput cell) {
        active = cell;
        last = cell;
    }

    /** The cell executing now, or {@code null} between cells. */
    public CellOutput executing() {
        return active;
    }

    /** Ends the executing cell: later unbound output still goes to it, as the last cell that ran. */
    void end(CellOutput cell) {
        if (active == cell) {
            active = null;
        }
    }

    /**
     * Routes output of tasks by the cell their task belongs to, ahead of any thread binding: a task's thread and
     * pool threads are shared across cells, a task is not. {@code lookup} answers {@code null} for threads that run
     * no task.
     */
    public void routeTasksBy(Function<Thread, CellOutput> lookup) {
        this.taskCell = lookup;
    }

    /** The cell output goes to now, or {@code null} before the first cell. */
    public CellOutput current() {
        CellOutput cell = taskCell.apply(Thread.currentThread());
        if (cell != null) {
            return cell;
        }
        cell = bound.get();
        if (cell != null) {
            return cell;
        }
        if (!adopted.isEmpty()) {
            cell = adopted.get(Thread.currentThread());
            if (cell != null) {
                return cell;
            }
        }
        cell = active;
        return cell != null ? cell : last;
    }

    @Override
    public CellThreads.Captured capture() {
        CellOutput cell = current();
        return () -> bind(cell)::close;
    }

    @Override
    public void adopt(Thread thread) {
        if (adopted.size() > 64) {
            adopted.keySet().removeIf(t -> t.getState() == Thread.State.TERMINATED);
        }
        CellOutput cell = current();
        if (cell != null) {
            adopted.put(thread, cell);
        }
    }

    @Override
    public void stream(String name, String text) {
        CellOutput cell = current();
        if (cell != null) {
            cell.stream(name, text);
        } else {
            LOG.info(() -> "output before the first cell (" + name + "): " + text.strip());
        }
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        CellOutput cell = current();
        if (cell != null) {
            cell.display(bundle, displayId, update);
        } else {
            LOG.info(() -> "display before the first cell: " + bundle.data().keySet());
        }
    }

    @Override
    public void clearOutput(boolean wait) {
        CellOutput cell = current();
        if (cell != null) {
            cell.clearOutput(wait);
        }
    }
}
