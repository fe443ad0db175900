package org.javaasync.runtime.sync;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * asyncio's {@code PriorityQueue}: an {@link AsyncQueue} that returns the smallest item first, by natural order or by
 * a comparator (Python compares the items themselves, typically {@code (priority, data)} tuples; in Java, use a record
 * that is {@link Comparable} or pass a comparator). Like Python's {@code heapq}, ties come out in no particular order.
 * Same waiting, cancellation, {@code taskDone}/{@code join} and shutdown behaviour as {@link AsyncQueue}.
 *
 * @param <T> the item type
 */
public final class AsyncPriorityQueue<T> extends AsyncQueue<T> {
    private final PriorityQueue<T> heap;

    /** Creates an unbounded priority queue of {@link Comparable} items. */
    public AsyncPriorityQueue() {
        this(0);
    }

    /**
     * Creates a priority queue of at most {@code maxsize} {@link Comparable} items.
     *
     * @param maxsize the capacity, or {@code <= 0} for unbounded
     */
    public AsyncPriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates a priority queue of at most {@code maxsize} items ({@code <= 0}: unbounded), ordered by
     * {@code comparator} ({@code null}: natural order).
     *
     * @param maxsize the capacity, or {@code <= 0} for unbounded
     * @param comparator the order, smallest first; {@code null} for natural order
     */
    public AsyncPriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        this.heap = new PriorityQueue<>(comparator);
    }

    /**
     * Stores an item; {@code null} and, without a comparator, non-{@link Comparable} items are refused.
     *
     * @throws NullPointerException if {@code item} is null
     * @throws ClassCastException if the item cannot be compared
     */
    @Override
    void store(T item) {
        heap.add(Objects.requireNonNull(item, "a priority queue cannot order null items"));
    }

    @Override
    T take() {
        return heap.poll();
    }

    @Override
    int size() {
        return heap.size();
    }
}
