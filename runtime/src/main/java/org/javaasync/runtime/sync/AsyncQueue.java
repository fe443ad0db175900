package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import java.util.ArrayDeque;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.AsyncSupplier;
import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Queue}: a FIFO queue for tasks, optionally bounded, with {@code taskDone}/{@code join} accounting
 * and Python 3.13's {@code shutdown}. Named {@code AsyncQueue} so that {@code java.util.Queue} keeps its meaning.
 *
 * <pre>{@code
 * var q = new AsyncQueue<String>(100);
 * await(q.put("job"));          // waits while the queue is full
 * String job = await(q.get());  // waits while it is empty
 * q.taskDone();                 // lets await(q.join()) return once every item is processed
 * }</pre>
 *
 * <p>Items may be {@code null} (Python code often puts {@code None} as an end marker). Blocked getters and putters
 * are served in FIFO order; a getter or putter that is woken but cancelled passes the wake-up on. Not thread-safe;
 * confined to the loop it is first used on. {@link #qsize()} is exact, because only one task runs at a time.
 *
 * @param <T> the item type
 */
public class AsyncQueue<T> extends LoopBound {
    /** Stands for a {@code null} item in storages that reject {@code null} ({@link ArrayDeque}). */
    static final Object NULL_ITEM = new Object();

    private final int maxsize;
    private final ArrayDeque<AsyncFuture<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<AsyncFuture<Void>> putters = new ArrayDeque<>();
    // One body for every coroutine get() returns (it captures only this object), not one per call.
    private final AsyncSupplier<T> getBody = this::getNow;
    private final Event finished = new Event();
    private final ArrayDeque<Object> items = new ArrayDeque<>(); // FIFO storage; subclasses use their own
    private int unfinishedTasks;
    private boolean isShutdown;

    /** Creates an unbounded queue. */
    public AsyncQueue() {
        this(0);
    }

    /**
     * Creates a queue that holds at most {@code maxsize} items; {@code maxsize <= 0} means unbounded, as in asyncio.
     *
     * @param maxsize the capacity, or {@code <= 0} for unbounded
     */
    public AsyncQueue(int maxsize) {
        this.maxsize = maxsize;
        finished.set();
    }

    // Storage hooks (asyncio's _put/_get/qsize); overridden by the priority and LIFO queues of this package only.

    void store(T item) {
        items.addLast(item == null ? NULL_ITEM : item);
    }

    @SuppressWarnings("unchecked")
    T take() {
        Object o = items.pollFirst();
        return o == NULL_ITEM ? null : (T) o;
    }

    int size() {
        return items.size();
    }

    /**
     * Returns the number of items in the queue.
     *
     * @return the number of items in the queue
     */
    public final int qsize() {
        return size();
    }

    /**
     * Returns the capacity given at construction ({@code <= 0}: unbounded).
     *
     * @return the capacity given at construction ({@code <= 0}: unbounded)
     */
    public final int maxsize() {
        return maxsize;
    }

    /**
     * Returns whether the queue holds no item.
     *
     * @return whether the queue holds no item
     */
    public final boolean empty() {
        return size() == 0;
    }

    /**
     * Returns whether a bounded queue holds {@code maxsize} items; an unbounded queue is never full.
     *
     * @return whether a bounded queue holds {@code maxsize} items; an unbounded queue is never full
     */
    public final boolean full() {
        return maxsize > 0 && size() >= maxsize;
    }

    /**
     * Returns a coroutine that puts {@code item} into the queue, waiting while the queue is full.
     *
     * <p>Cancellation: a cancelled putter leaves the queue of putters without putting; if it had been woken for a
     * free slot, the next putter is woken instead. Fails with {@link QueueShutDown} if the queue is shut down before
     * or while it waits.
     *
     * @param item the item to put, may be {@code null}
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public final Coroutine<Void> put(T item) {
        // A value-returning body: the runtime wraps void bodies in one more object, and put is on the hot path.
        return async("Queue.put", () -> {
            putNow(item);
            return null;
        });
    }

    private void putNow(T item) {
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            AsyncFuture<Void> putter = newWaiter();
            putters.add(putter);
            try {
                await(putter);
            } catch (Throwable t) {
                putter.cancel(); // in case it is not done yet
                putters.remove(putter); // may already be gone (popped by a get or by shutdown)
                if (!full() && !putter.isCancelled()) {
                    // We were woken for a free slot but cannot take it: wake the next putter in line.
                    wakeUpNext(putters);
                }
                throw t;
            }
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} without waiting.
     *
     * @param item the item to put, may be {@code null}
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     */
    public final void putNowait(T item) {
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull(maxsize);
        }
        store(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /**
     * Returns a coroutine that removes and resolves to the next item, waiting while the queue is empty.
     *
     * <p>Cancellation: a cancelled getter takes no item; if it had been woken for an item, the next getter is woken
     * instead. Fails with {@link QueueShutDown} if the queue is shut down and empty (or shut down immediately) before
     * or while it waits.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public final Coroutine<T> get() {
        return async("Queue.get", getBody);
    }

    private T getNow() {
        while (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            AsyncFuture<Void> getter = newWaiter();
            getters.add(getter);
            try {
                await(getter);
            } catch (Throwable t) {
                getter.cancel();
                getters.remove(getter);
                if (!empty() && !getter.isCancelled()) {
                    wakeUpNext(getters);
                }
                throw t;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item without waiting.
     *
     * @return the item
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is empty and shut down
     */
    public final T getNowait() {
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = take();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Marks one item taken with {@code get} as processed; when every item put has been marked, {@link #join()}
     * returns.
     *
     * @throws IllegalStateException if called more times than items were put (asyncio's
     *     {@code ValueError('task_done() called too many times')})
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times: call it once per item taken with get()");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Returns a coroutine that waits until every item ever put has been marked with {@link #taskDone()} (at once if
     * none is unfinished). Cancellation leaves the queue unchanged.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public final Coroutine<Void> join() {
        return async("Queue.join", () -> {
            if (unfinishedTasks > 0) {
                await(finished.waitUntilSet());
            }
        });
    }

    /**
     * Shuts the queue down without dropping items: {@code shutdown(false)}.
     */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): every later put fails with {@link QueueShutDown}, and so does every get
     * once the queue is empty; all blocked putters and getters are woken to see it. With {@code immediate}, the
     * remaining items are dropped and counted as done, which may release {@link #join()}, and gets fail at once.
     * Calling it again is harmless.
     *
     * @param immediate whether to drop the remaining items and make gets fail at once
     */
    public final void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                take();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // Every blocked getter and putter must re-check and raise QueueShutDown.
        releaseAll(getters);
        releaseAll(putters);
    }

    /**
     * Returns whether {@link #shutdown(boolean)} was called.
     *
     * @return whether {@link #shutdown(boolean)} was called
     */
    public final boolean isShutdown() {
        return isShutdown;
    }

    private static void wakeUpNext(ArrayDeque<AsyncFuture<Void>> waiters) {
        while (!waiters.isEmpty()) {
            AsyncFuture<Void> waiter = waiters.pollFirst();
            if (!waiter.isDone()) {
                waiter.setResult(null);
                break;
            }
        }
    }

    private static void releaseAll(ArrayDeque<AsyncFuture<Void>> waiters) {
        while (!waiters.isEmpty()) {
            AsyncFuture<Void> waiter = waiters.pollFirst();
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName())
                .append("[maxsize=")
                .append(maxsize);
        sb.append(", qsize=").append(qsize());
        if (!getters.isEmpty()) sb.append(", getters=").append(getters.size());
        if (!putters.isEmpty()) sb.append(", putters=").append(putters.size());
        if (unfinishedTasks > 0) sb.append(", tasks=").append(unfinishedTasks);
        if (isShutdown) sb.append(", shutdown");
        return sb.append(']').toString();
    }
}
