package org.javaasync.runtime;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A set of {@link ContextVar} values (Python's {@code contextvars.Context}). Every task runs in a context of its own:
 * when a task is created it gets a copy of its creator's current context, so a value the creator set beforehand is
 * seen by the task, and a value the task sets is seen by no one else (unless the task was given a shared context with
 * {@code createTask(..., context)}). Loop callbacks run in a copy of the context current when they were scheduled, or
 * in the context given to {@link EventLoop#callSoon(Runnable, Context)}.
 *
 * <p>A context is entered with {@link #run}: inside it, {@link ContextVar#get()} reads and {@link ContextVar#set}
 * writes this context. Reading is also possible from outside with {@link #get}. Contexts are not thread-safe: use one
 * from the loop's thread (or from one thread at a time outside any loop).
 */
public final class Context {
    ContextBindings bindings;
    /** The task whose private values this context took over ({@link Task#getContext()}), for tokens. */
    final Object origin;

    private boolean entered;

    /** Creates an empty context (Python's {@code contextvars.Context()}). */
    public Context() {
        this(ContextBindings.EMPTY, null);
    }

    Context(ContextBindings bindings, Object origin) {
        this.bindings = bindings;
        this.origin = origin;
    }

    /**
     * Returns a copy of the current context (Python's {@code copy_context()}): in a task, the task's; in a loop
     * callback, the callback's; elsewhere, the calling thread's. The copy is cheap (values are shared until one side
     * sets a variable).
     *
     * @return a new context with the current values
     */
    public static Context copyCurrent() {
        return new Context(CurrentContext.snapshot(), null);
    }

    /**
     * Returns a copy of this context.
     *
     * @return a new context with this context's values
     */
    public Context copy() {
        return new Context(bindings, null);
    }

    /**
     * Runs {@code body} in this context and returns its result: inside it, {@link ContextVar#set} changes this
     * context, and the change is still here after {@code run} returns. The previous context is current again
     * afterwards, also when {@code body} throws (its exception, checked or not, comes out unchanged).
     *
     * @param body the code to run
     * @param <T> the result type
     * @return what {@code body} returns
     * @throws IllegalStateException if this context is already entered (a {@code run} inside a {@code run} of the
     *     same context)
     */
    public <T> T run(Callable<T> body) {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        Object previous = CurrentContext.swap(this);
        entered = true;
        try {
            return body.call();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        } finally {
            entered = false;
            CurrentContext.swap(previous);
        }
    }

    /**
     * Runs {@code body} in this context. See {@link #run(Callable)}.
     *
     * @param body the code to run
     * @throws IllegalStateException if this context is already entered
     */
    public void run(Runnable body) {
        run(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Returns the value of {@code var} in this context, or {@code null} if it has none here (the variable's default
     * does not count, as in Python's {@code Context.get}).
     *
     * @param var the variable
     * @param <T> the value type
     * @return the value, or {@code null}
     */
    public <T> T get(ContextVar<T> var) {
        return get(var, null);
    }

    /**
     * Returns the value of {@code var} in this context, or {@code fallback} if it has none here.
     *
     * @param var the variable
     * @param fallback what to return without a value
     * @param <T> the value type
     * @return the value, or {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T fallback) {
        Object value = bindings.lookup(var);
        return value == ContextBindings.MISSING ? fallback : (T) value;
    }

    /**
     * Returns whether {@code var} has a value in this context.
     *
     * @param var the variable
     * @return {@code true} if it has one
     */
    public boolean contains(ContextVar<?> var) {
        return bindings.lookup(var) != ContextBindings.MISSING;
    }

    /**
     * Returns the variables that have a value in this context, in the order they were first set.
     *
     * @return an unmodifiable list
     */
    public List<ContextVar<?>> vars() {
        return bindings.vars();
    }

    /**
     * Returns how many variables have a value in this context.
     *
     * @return the number of variables
     */
    public int size() {
        return bindings.size();
    }

    @Override
    public String toString() {
        return "<Context " + bindings.size() + " var" + (bindings.size() == 1 ? ">" : "s>");
    }
}
