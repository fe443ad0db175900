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
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TaskObserver;

/**
 * What the kernel knows of every live task: the context (the cell) it belongs to, when it was created, and — for
 * cells that draw a timeline — when it ran. A task belongs to the cell of the task that created it (the runtime's
 * {@link Task#getContext() task context} carries it down); a task created outside any task (the cell's own task,
 * created by the kernel) takes the context the calling thread names.
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
        private final boolean root;

        Entry(Task<?> task, C context, double created, long sequence, boolean recordRuns, boolean root) {
            this.task = task;
            this.root = root;
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

        /**
         * Whether no task created this one: a cell's own task (the kernel creates it), not a task the cell's code
         * started.
         */
        public boolean root() {
            return root;
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

    private final EventLoop loop;
    private final Class<C> contextType;
    private final Supplier<C> contextOfCaller;
    private final Predicate<C> recordRuns;
    private final Map<Task<?>, Entry<C>> live = new ConcurrentHashMap<>();
    private final List<Consumer<Entry<C>>> createdListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Entry<C>>> doneListeners = new CopyOnWriteArrayList<>();
    /** The step running now; written on the loop's side, read by any thread. */
    private volatile Step<C> running;
    /** Creation counter; tasks are created on the loop's thread only. */
    private long created;

    /** Oldest first; creation order breaks ties of the clock. */
    public static final Comparator<Entry<?>> OLDEST_FIRST =
            Comparator.<Entry<?>>comparingDouble(Entry::created).thenComparingLong(Entry::sequence);

    /**
     * @param loop            the loop whose tasks are watched (install with {@link EventLoop#setTaskObserver})
     * @param contextType     the type of the contexts this registry keeps in {@link Task#getContext()}
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
        Object inherited = task.getContext();
        C context;
        if (contextType.isInstance(inherited)) {
            context = contextType.cast(inherited);
        } else {
            context = contextOfCaller.get();
            task.setContext(context);
        }
        boolean record = context != null && recordRuns.test(context);
        Entry<C> entry = new Entry<>(task, context, loop.time(), ++created, record, parent == null);
        live.put(task, entry);
        for (Consumer<Entry<C>> listener : createdListeners) {
            listener.accept(entry);
        }
    }

    @Override
    public void taskResumed(Task<?> task) {
        Entry<C> e = live.get(task);
        if (e != null) e.resumed(loop.time());
        running = new Step<>(task, e, System.nanoTime());
    }

    @Override
    public void taskSuspended(Task<?> task) {
        running = null;
        Entry<C> e = live.get(task);
        if (e != null) e.suspended(loop.time());
    }

    /**
     * A step a task is running: the task holds the loop from {@code startNanos} ({@link System#nanoTime()}) until it
     * awaits, blocks in a JDK call or finishes. {@code entry} is {@code null} for a task the registry does not know.
     */
    public record Step<C>(Task<?> task, Entry<C> entry, long startNanos) {

        /** The context (cell) of the task, or {@code null}. */
        public C context() {
            return entry == null ? null : entry.context();
        }
    }

    /** The loop's clock now, in seconds (the scale of {@link Entry#created()}). Any thread. */
    public double now() {
        return loop.time();
    }

    /** The step running on the loop now, or {@code null} when no task runs (the loop idles or runs a callback). */
    public Step<C> running() {
        return running;
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

    /** Calls {@code listener} on the loop's side each time a task is created. */
    public void onCreated(Consumer<Entry<C>> listener) {
        createdListeners.add(listener);
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
