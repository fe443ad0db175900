package org.javaasync.kernel.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.javaasync.runtime.ContextVar;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TaskObserver;

/**
 * What the kernel knows of every live task: the context (the cell) it belongs to, when it was created, and — for
 * cells that draw a timeline — when it ran. A task belongs to the cell of the task that created it (a context
 * variable of the task's {@link Task#getContext() context} carries it down); a task created outside any task (the
 * cell's own task, created by the kernel) takes the context the calling thread names.
 *
 * <p>Routing by task rather than by thread matters: a task's thread is created lazily on the loop's thread, and
 * threads of pools are reused across cells, so thread-inherited context would point at the wrong cell.
 *
 * @param <C> the context type (the kernel's cell output)
 */
public final class TaskRegistry<C> implements TaskObserver {

    /** Segments kept per task for a timeline; later steps extend the last one so a busy task stays bounded. */
    static final int MAX_SEGMENTS = 64;

    /** One task as the registry sees it. Segments are {@code [start, end]} loop times of running steps. */
    public static final class Entry<C> {
        private final Task<?> task;
        private final C context;
        private final double created;
        private final long sequence;
        private final List<double[]> runs;
        private volatile double finished = Double.NaN;
        private volatile boolean started;

        Entry(Task<?> task, C context, double created, long sequence, boolean recordRuns) {
            this.task = task;
            this.context = context;
            this.created = created;
            this.sequence = sequence;
            this.runs = recordRuns ? new ArrayList<>() : null;
        }

        /** The task. */
        public Task<?> task() {
            return task;
        }

        /** The context (cell) the task belongs to. */
        public C context() {
            return context;
        }

        /** Loop time of creation. */
        public double created() {
            return created;
        }

        /**
         * The order of creation among the registry's tasks: ties of {@link #created()} (same clock reading, as
         * under a virtual clock) keep the order the tasks were created in.
         */
        public long sequence() {
            return sequence;
        }

        /** Loop time the task finished, or NaN while it runs. */
        public double finished() {
            return finished;
        }

        /** Whether the task has run at least one step (a task not started yet is only scheduled). */
        public boolean started() {
            return started;
        }

        /** The running steps recorded for a timeline (a copy), or an empty list when not recorded. */
        public synchronized List<double[]> runs() {
            return runs == null ? List.of() : runs.stream().map(double[]::clone).toList();
        }

        synchronized void resumed(double now) {
            started = true;
            if (runs == null) return;
            if (runs.size() < MAX_SEGMENTS) {
                runs.add(new double[] {now, now});
            }
        }

        synchronized void suspended(double now) {
            if (runs == null || runs.isEmpty()) return;
            runs.getLast()[1] = now;
        }
    }

    /** The cell a task belongs to, inherited by the tasks it creates as every context variable is. */
    private static final ContextVar<Object> CELL = new ContextVar<>("javaasync.kernel.cell", null);

    private final EventLoop loop;
    private final Class<C> contextType;
    private final Supplier<C> contextOfCaller;
    private final Predicate<C> recordRuns;
    private final Map<Task<?>, Entry<C>> live = new ConcurrentHashMap<>();
    private final List<Consumer<Entry<C>>> doneListeners = new CopyOnWriteArrayList<>();
    /** Creation counter; tasks are created on the loop's thread only. */
    private long created;

    /** Oldest first; creation order breaks ties of the clock. */
    public static final Comparator<Entry<?>> OLDEST_FIRST =
            Comparator.<Entry<?>>comparingDouble(Entry::created).thenComparingLong(Entry::sequence);

    /**
     * @param loop            the loop whose tasks are watched (install with {@link EventLoop#setTaskObserver})
     * @param contextType     the type of the contexts this registry keeps in the tasks' {@link Task#getContext()}
     * @param contextOfCaller the context for a task created outside any task, read on the creating thread
     * @param recordRuns      whether tasks of a context record their running steps (for a timeline)
     */
    public TaskRegistry(EventLoop loop, Class<C> contextType, Supplier<C> contextOfCaller, Predicate<C> recordRuns) {
        this.loop = loop;
        this.contextType = contextType;
        this.contextOfCaller = contextOfCaller;
        this.recordRuns = recordRuns;
    }

    @Override
    public void taskCreated(Task<?> task, Task<?> parent) {
        // The runtime hands a task's context down to the tasks it creates; a task created outside any task (the
        // cell's own) gets the context of the thread that asked for it, and passes it on from then.
        Object inherited = task.getContext().get(CELL);
        C context;
        if (contextType.isInstance(inherited)) {
            context = contextType.cast(inherited);
        } else {
            context = contextOfCaller.get();
            task.getContext().run(() -> CELL.set(context));
        }
        boolean record = context != null && recordRuns.test(context);
        live.put(task, new Entry<>(task, context, loop.time(), ++created, record));
    }

    @Override
    public void taskResumed(Task<?> task) {
        Entry<C> e = live.get(task);
        if (e != null) e.resumed(loop.time());
    }

    @Override
    public void taskSuspended(Task<?> task) {
        Entry<C> e = live.get(task);
        if (e != null) e.suspended(loop.time());
    }

    @Override
    public void taskDone(Task<?> task) {
        Entry<C> e = live.remove(task);
        if (e == null) return;
        e.finished = loop.time();
        for (Consumer<Entry<C>> listener : doneListeners) {
            listener.accept(e);
        }
    }

    /** Calls {@code listener} on the loop's side each time a task finishes. */
    public void onDone(Consumer<Entry<C>> listener) {
        doneListeners.add(listener);
    }

    /** The context of {@code task}, or {@code null} if the task is unknown (done, or created before the registry). */
    public C contextOf(Task<?> task) {
        Entry<C> e = live.get(task);
        return e == null ? null : e.context();
    }

    /** The context of the task running on the calling thread, or {@code null}. Any thread. */
    public C currentContext() {
        Task<?> task = Task.current();
        return task == null ? null : contextOf(task);
    }

    /** The live tasks of {@code context}. Any thread. */
    public List<Entry<C>> live(C context) {
        List<Entry<C>> out = new ArrayList<>();
        for (Entry<C> e : live.values()) {
            if (e.context() == context) out.add(e);
        }
        out.sort(OLDEST_FIRST);
        return out;
    }

    /** Every live task, oldest first. Any thread. */
    public List<Entry<C>> all() {
        List<Entry<C>> out = new ArrayList<>(live.values());
        out.sort(OLDEST_FIRST);
        return out;
    }
}
