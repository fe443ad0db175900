package org.javaasync.runtime.sync;

import java.util.ArrayDeque;

/**
 * asyncio's {@code LifoQueue}: an {@link AsyncQueue} that returns the most recently put item first. Same waiting,
 * cancellation, {@code taskDone}/{@code join} and shutdown behaviour as {@link AsyncQueue}; items may be {@code null}.
 *
 * @param <T> the item type
 */
public final class AsyncLifoQueue<T> extends AsyncQueue<T> {
    private final ArrayDeque<Object> stack = new ArrayDeque<>();

    /** Creates an unbounded LIFO queue. */
    public AsyncLifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue of at most {@code maxsize} items.
     *
     * @param maxsize the capacity, or {@code <= 0} for unbounded
     */
    public AsyncLifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void store(T item) {
        stack.addLast(item == null ? NULL_ITEM : item);
    }

    @Override
    @SuppressWarnings("unchecked")
    T take() {
        Object o = stack.pollLast();
        return o == NULL_ITEM ? null : (T) o;
    }

    @Override
    int size() {
        return stack.size();
    }
}
