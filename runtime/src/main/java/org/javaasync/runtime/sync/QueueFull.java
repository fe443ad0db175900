package org.javaasync.runtime.sync;

/** Raised by {@link AsyncQueue#putNowait(Object)} when a bounded queue is full (asyncio's {@code QueueFull}). */
public class QueueFull extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param maxsize the capacity of the full queue, for the message
     */
    public QueueFull(int maxsize) {
        super("queue is full (maxsize " + maxsize + "): use await(queue.put(item)) to wait for a free slot");
    }
}
