package org.javaasync.runtime;

/**
 * Where the current context lives, as asyncio keeps it per thread and per task step: in a task, the task's own
 * context ({@link Task#contextState}); elsewhere (a loop callback, a thread outside any loop) a thread-local slot,
 * which the loop sets while it runs a callback that carries a context. A state is either {@link ContextBindings}
 * (private to its holder: a task's own copy, a callback's snapshot) or a {@link Context} (shared: set by
 * {@link Context#run}, or given to {@code createTask(..., context)} and {@code callSoon(..., context)}).
 */
final class CurrentContext {
    private static final ThreadLocal<Object> OUTSIDE_TASKS = new ThreadLocal<>();

    private CurrentContext() {}

    /** The current state: {@link ContextBindings} or {@link Context}. */
    static Object state() {
        Task<?> task = EventLoop.currentTask();
        if (task != null) {
            return task.contextState();
        }
        Object state = OUTSIDE_TASKS.get();
        return state != null ? state : ContextBindings.EMPTY;
    }

    /** The current values, as a snapshot (what {@code copy_context()} copies). */
    static ContextBindings snapshot() {
        return bindingsOf(state());
    }

    static ContextBindings bindingsOf(Object state) {
        return state instanceof Context c ? c.bindings : (ContextBindings) state;
    }

    /** Makes {@code state} current and returns the state it replaced. */
    static Object swap(Object state) {
        Task<?> task = EventLoop.currentTask();
        if (task != null) {
            Object previous = task.contextState();
            task.setContextState(state);
            return previous;
        }
        Object previous = OUTSIDE_TASKS.get();
        OUTSIDE_TASKS.set(state);
        return previous != null ? previous : ContextBindings.EMPTY;
    }

    /** Replaces the current values after {@code ContextVar.set} or {@code reset}. */
    static void update(ContextBindings bindings) {
        Object state = state();
        if (state instanceof Context c) {
            c.bindings = bindings;
        } else {
            swap(bindings);
        }
    }

    /**
     * Who owns the current values, for tokens: a {@link Context}, else the task, else the thread. A token may only
     * reset the variable where it was set.
     */
    static Object owner() {
        Task<?> task = EventLoop.currentTask();
        if (task != null) {
            return task.contextState() instanceof Context c ? c : task;
        }
        return OUTSIDE_TASKS.get() instanceof Context c ? c : Thread.currentThread();
    }

    /** Runs {@code callback} with {@code state} current (a callback's snapshot or its {@link Context}). */
    static void runIn(Object state, Runnable callback) {
        if (state == null) {
            callback.run();
            return;
        }
        Object previous = swap(state);
        try {
            callback.run();
        } finally {
            swap(previous);
        }
    }
}
