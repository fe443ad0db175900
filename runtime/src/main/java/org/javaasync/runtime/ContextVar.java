package org.javaasync.runtime;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A variable whose value depends on the context it is read in (Python's {@code contextvars.ContextVar}): each task has
 * its own value, inherited from the task that created it. The way to carry request ids, a user, a cell of a notebook
 * through code and into the tasks it starts, without passing them as arguments.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST = new ContextVar<>("request");
 *
 * REQUEST.set("r-1");
 * createTask(() -> log(REQUEST.get()));   // the task sees "r-1", whatever the creator sets afterwards
 * }</pre>
 *
 * <p>Create context variables once (as constants): each one is a key, compared by identity. Not thread-safe beyond
 * what {@link Context} allows: read and set from the loop's thread, or from threads outside any loop (each such thread
 * has its own current context).
 *
 * @param <T> the value type; {@code null} is a value like any other
 */
public final class ContextVar<T> {
    private static final Object NO_DEFAULT = new Object();

    private final String name;
    private final Object defaultValue;

    /**
     * Creates a variable without a default: {@link #get()} throws until it is set.
     *
     * @param name the name, for messages
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = NO_DEFAULT;
    }

    /**
     * Creates a variable with a default, returned by {@link #get()} in contexts where it was never set.
     *
     * @param name the name, for messages
     * @param defaultValue the default, may be {@code null}
     */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    /**
     * Returns the name given at creation.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the value in the current context; else the variable's default.
     *
     * @return the value
     * @throws NoSuchElementException if the variable has no value here and no default (Python's {@code LookupError})
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = CurrentContext.snapshot().lookup(this);
        if (value != ContextBindings.MISSING) {
            return (T) value;
        }
        if (defaultValue != NO_DEFAULT) {
            return (T) defaultValue;
        }
        throw new NoSuchElementException("context variable '" + name + "' has no value in this context and no"
                + " default: set() it first, or give the ContextVar a default");
    }

    /**
     * Returns the value in the current context; else {@code fallback} (the variable's default is not consulted, as
     * in Python's {@code get(default)}).
     *
     * @param fallback what to return without a value
     * @return the value, or {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object value = CurrentContext.snapshot().lookup(this);
        return value != ContextBindings.MISSING ? (T) value : fallback;
    }

    /**
     * Sets the value in the current context (the current task's, when called in a task). Tasks created afterwards
     * inherit it; tasks created before keep what they had.
     *
     * @param value the new value
     * @return a token for {@link #reset} that restores the previous value; closing it resets too, so
     *     {@code try (var _ = var.set(x)) { ... }} sets the value for a block
     */
    public Token<T> set(T value) {
        ContextBindings bindings = CurrentContext.snapshot();
        Object old = bindings.lookup(this);
        CurrentContext.update(bindings.with(this, value));
        return new Token<>(this, CurrentContext.owner(), old);
    }

    /**
     * Restores the value this variable had before the {@link #set} that returned {@code token}; if it had none, it has
     * none again.
     *
     * @param token the token {@code set} returned
     * @throws IllegalStateException if the token was already used
     * @throws IllegalArgumentException if the token belongs to another variable, or was created in another context
     *     (another task, or another {@link Context#run})
     */
    public void reset(Token<T> token) {
        Objects.requireNonNull(token, "token");
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Object owner = CurrentContext.owner();
        if (token.owner != owner && !(owner instanceof Context c && c.origin == token.owner)) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        CurrentContext.update(CurrentContext.snapshot().with(this, token.oldValue));
        token.used = true;
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'"
                + (defaultValue == NO_DEFAULT ? ">" : " default=" + defaultValue + ">");
    }

    /**
     * What {@link ContextVar#set} returns: the way back to the previous value. {@link #close()} resets, so a token
     * works with try-with-resources.
     *
     * @param <T> the value type
     */
    public static final class Token<T> implements AutoCloseable {
        private final ContextVar<T> var;
        private final Object owner;
        private final Object oldValue;
        private boolean used;

        Token(ContextVar<T> var, Object owner, Object oldValue) {
            this.var = var;
            this.owner = owner;
            this.oldValue = oldValue;
        }

        /**
         * Returns the variable that was set.
         *
         * @return the variable
         */
        public ContextVar<T> getVar() {
            return var;
        }

        /**
         * Returns whether the variable had a value before the {@code set} (Python: {@code old_value} is not
         * {@code Token.MISSING}).
         *
         * @return {@code true} if it had one
         */
        public boolean hadValue() {
            return oldValue != ContextBindings.MISSING;
        }

        /**
         * Returns the value before the {@code set}, or {@code null} if it had none (see {@link #hadValue()}).
         *
         * @return the previous value
         */
        @SuppressWarnings("unchecked")
        public T getOldValue() {
            return oldValue == ContextBindings.MISSING ? null : (T) oldValue;
        }

        /**
         * Resets the variable ({@code var.reset(this)}).
         *
         * @throws IllegalStateException if already used
         * @throws IllegalArgumentException if called in another context than the {@code set}
         */
        @Override
        public void close() {
            var.reset(this);
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + ">";
        }
    }
}
