package org.javaasync.kernel.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.javaasync.runtime.Context;
import org.javaasync.runtime.ContextVar;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TaskObserver;

/**
 * What the kernel knows of every live task: the context (the cell) it belongs to, when it was created, and — for
 * cells that draw a timeline — when it ran ({@link RunIntervals}). A task belongs to the cell of the task that
 * created it (a context variable of the task's {@link Task#getContext() context} carries it down); a task created
 * outside any task (the cell's own task, created by the kernel) takes the context the calling thread names.
 *
 * <p>Routing by task rather than by thread matters: a task's thread is created lazily on the loop's thread, and
 * threads of pools are reused across cells, so thread-inherited context would point at the wrong cell.
 *
 * @param <C> the context type (the kernel's cell output)
 */
public final class TaskRegistry<C> implements TaskObserver {

    /** One task as the registry sees it. Running steps are {@code [start, end]} loop times. */
    public static final class Entry<C> {
        private final Task<?> task;
        private final C context;
        private final double created;
        private final long sequence;
        private final RunIntervals runs;
        private volatile double finished = Double.NaN;
        private volatile boolean started;
        private final boolean root;

        Entry(Task<?> task, C context, double created, long sequence, boolean recordRuns, boolean root) {
            this.task = task;
            this.root = root;
            this.context = context;
            this.created = created;
            this.sequence = sequence;
            this.runs = recordRuns ? new RunIntervals() : null;
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

        /**
         * The running steps recorded for a timeline, oldest first (copies), or an empty list when not recorded. The
         * step a task finishes in ends when it finished; very busy tasks have their closest steps merged (see
         * {@link RunIntervals}).
         */
        public List<double[]> runs() {
            return runs == null ? List.of() : runs.intervals();
        }

        /** Seconds the task held the loop in its recorded steps (exact even when steps were merged), or 0. */
        public double runningSeconds() {
            return runs == null ? 0 : runs.total();
        }

        void resumed(double now) {
            started = true;
            if (runs != null) runs.open(now);
        }

        void suspended(double now) {
            if (runs != null) runs.close(now);
        }

        void kernelWork(double seconds, double now) {
            if (runs != null) runs.leaveOut(seconds, now);
        }
    }

    /** The cell a task belongs to, inherited by the tasks it creates as every context variable is. */
    private static final ContextVar<Object> CELL = new ContextVar<>("javaasync.kernel.cell", null);

    private final DoubleSupplier clock;
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
     * @param contextType     the type of the contexts this registry keeps in the tasks' {@link Task#getContext()}
     * @param contextOfCaller the context for a task created outside any task, read on the creating thread
     * @param recordRuns      whether tasks of a context record their running steps (for a timeline)
     */
    public TaskRegistry(EventLoop loop, Class<C> contextType, Supplier<C> contextOfCaller, Predicate<C> recordRuns) {
        this(loop::time, contextType, contextOfCaller, recordRuns);
    }

    /**
     * A registry that stamps creations, steps and ends with {@code clock} instead of a loop's time: for tests that
     * charge a step the computing time it stands for, which a virtual clock, standing still while a task runs,
     * cannot.
     *
     * @param clock           the time, in seconds, read on the loop's side at each event
     * @param contextType     the type of the contexts this registry keeps in {@link Task#getContext()}
     * @param contextOfCaller the context for a task created outside any task, read on the creating thread
     * @param recordRuns      whether tasks of a context record their running steps (for a timeline)
     */
    public TaskRegistry(
            DoubleSupplier clock, Class<C> contextType, Supplier<C> contextOfCaller, Predicate<C> recordRuns) {
        this.clock = clock;
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
        Entry<C> entry = new Entry<>(task, context, clock.getAsDouble(), ++created, record, parent == null);
        live.put(task, entry);
        for (Consumer<Entry<C>> listener : createdListeners) {
            listener.accept(entry);
        }
    }

    @Override
    public void taskResumed(Task<?> task) {
        Entry<C> e = live.get(task);
        if (e != null) e.resumed(clock.getAsDouble());
        running = new Step<>(task, e, System.nanoTime());
    }

    @Override
    public void taskSuspended(Task<?> task) {
        running = null;
        Entry<C> e = live.get(task);
        if (e != null) e.suspended(clock.getAsDouble());
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
        return clock.getAsDouble();
    }

    /** The step running on the loop now, or {@code null} when no task runs (the loop idles or runs a callback). */
    public Step<C> running() {
        return running;
    }

    @Override
    public void taskDone(Task<?> task) {
        Entry<C> e = live.remove(task);
        if (e == null) return;
        double now = clock.getAsDouble();
        // A task finishes inside its last step: the runtime reports it done before it reports that step's end, and
        // the entry is no longer live by then. Close the step here, or a task that computed for a second and never
        // awaited would be drawn waiting all along.
        e.suspended(now);
        e.finished = now;
        for (Consumer<Entry<C>> listener : doneListeners) {
            listener.accept(e);
        }
    }

    /**
     * The last {@code seconds} of {@code task}'s running step were the kernel's work, not the task's: JShell compiling
     * the cell's next statement inside the cell's own task. A timeline leaves them out of the task's running time, as
     * debug mode leaves them out of its slow-step measure ({@link org.javaasync.runtime.EventLoop#excludeFromStep}).
     * Call it from that task's step, on the loop's side.
     */
    public void kernelWork(Task<?> task, double seconds) {
        Entry<C> e = task == null ? null : live.get(task);
        if (e != null) e.kernelWork(seconds, clock.getAsDouble());
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

    /**
     * The context (cell) that work running in the runtime {@code context} belongs to, or {@code null}: what the
     * exception handler is given (it runs in the context of the task, callback or object a report concerns), and what
     * the runtime's reports at collection are filed under.
     */
    public C contextIn(Context context) {
        return context == null ? null : cast(context.get(CELL, null));
    }

    /**
     * The context (cell) of the work running now: the current runtime {@link Context}'s, which is a task's own in a
     * task, a callback's in a callback, and the concerned object's while the loop's exception handler or a report
     * about a task runs. {@code null} outside all of these. Any thread.
     */
    public C contextOfCurrentWork() {
        return cast(CELL.get());
    }

    private C cast(Object value) {
        return contextType.isInstance(value) ? contextType.cast(value) : null;
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
