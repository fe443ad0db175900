package org.javaasync.runtime;

/**
 * Where the current context lives, as asyncio keeps it per thread and per task step: in a task, the task's own
 * context ({@link Task#contextState}); in a loop callback, the loop's callback slot, which the loop sets to the
 * callback's context while it runs and empties after each callback (a callback runs in a copy, so what it sets goes no
 * further); on a thread outside any loop, a thread-local slot. A state is either {@link ContextBindings} (private to
 * its holder) or a {@link Context} (shared: set by {@link Context#run}, or given to {@code createTask(..., context)}
 * and {@code callSoon(..., context)}).
 */
final class CurrentContext {
    private static final ThreadLocal<Object> OUTSIDE_TASKS = new ThreadLocal<>();

    private CurrentContext() {}

    /** The current state: {@link ContextBindings} or {@link Context}. */
    static Object state() {
        Thread current = Thread.currentThread();
        Task<?> task = RunningLoops.taskOf(current);
        if (task != null) {
            return task.contextState();
        }
        EventLoop loop = RunningLoops.loopOf(current);
        if (loop != null) {
            return loop.callbackContext;
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
        Thread current = Thread.currentThread();
        Task<?> task = RunningLoops.taskOf(current);
        if (task != null) {
            Object previous = task.contextState();
            task.setContextState(state);
            return previous;
        }
        EventLoop loop = RunningLoops.loopOf(current);
        if (loop != null) {
            Object previous = loop.callbackContext;
            loop.callbackContext = state;
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
        Object state = state();
        if (state instanceof Context c) {
            return c;
        }
        Thread current = Thread.currentThread();
        Task<?> task = RunningLoops.taskOf(current);
        if (task != null) {
            return task;
        }
        EventLoop loop = RunningLoops.loopOf(current);
        return loop != null ? loop : current;
    }

    /** Runs {@code callback} with {@code state} current (a callback's snapshot or its {@link Context}). */
    static void runIn(Object state, Runnable callback) {
        if (state == null) {
            callback.run(); // the loop runs it with an empty callback context, emptied again afterwards
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
