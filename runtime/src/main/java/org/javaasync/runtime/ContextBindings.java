package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values of context variables at one moment: an immutable map from {@link ContextVar} to value, compared by
 * identity. Copying a context shares the bindings (asyncio's {@code copy_context()} is O(1) for the same reason);
 * setting a variable makes new bindings. Kept as a flat array: a program has a handful of context variables, and a
 * linear scan of a few entries beats hashing.
 */
final class ContextBindings {
    static final ContextBindings EMPTY = new ContextBindings(new Object[0]);
    /** What {@link #lookup} returns for a variable without a value here ({@code null} is a value). */
    static final Object MISSING = new Object();

    /** {@code var0, value0, var1, value1, ...} */
    private final Object[] entries;

    private ContextBindings(Object[] entries) {
        this.entries = entries;
    }

    Object lookup(ContextVar<?> var) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == var) {
                return entries[i + 1];
            }
        }
        return MISSING;
    }

    /** These bindings with {@code var} bound to {@code value}, or without it if {@code value} is {@link #MISSING}. */
    ContextBindings with(ContextVar<?> var, Object value) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == var) {
                if (value == MISSING) {
                    Object[] fewer = new Object[entries.length - 2];
                    System.arraycopy(entries, 0, fewer, 0, i);
                    System.arraycopy(entries, i + 2, fewer, i, entries.length - i - 2);
                    return fewer.length == 0 ? EMPTY : new ContextBindings(fewer);
                }
                Object[] copy = entries.clone();
                copy[i + 1] = value;
                return new ContextBindings(copy);
            }
        }
        if (value == MISSING) {
            return this;
        }
        Object[] more = new Object[entries.length + 2];
        System.arraycopy(entries, 0, more, 0, entries.length);
        more[entries.length] = var;
        more[entries.length + 1] = value;
        return new ContextBindings(more);
    }

    int size() {
        return entries.length / 2;
    }

    List<ContextVar<?>> vars() {
        List<ContextVar<?>> vars = new ArrayList<>(size());
        for (int i = 0; i < entries.length; i += 2) {
            vars.add((ContextVar<?>) entries[i]);
        }
        return Collections.unmodifiableList(vars);
    }
}
