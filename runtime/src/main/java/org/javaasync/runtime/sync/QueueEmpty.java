package org.javaasync.runtime.sync;

/** Raised by {@link AsyncQueue#getNowait()} when the queue has no item (asyncio's {@code QueueEmpty}). */
public class QueueEmpty extends RuntimeException {
    /** Creates the exception. */
    public QueueEmpty() {
        super("queue is empty: use await(queue.get()) to wait for an item");
    }
}
