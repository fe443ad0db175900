package org.javaasync.runtime.sync;

/**
 * Raised by a queue's put methods after {@link AsyncQueue#shutdown(boolean)}, and by its get methods once it is shut
 * down and empty (asyncio's {@code QueueShutDown}, Python 3.13).
 */
public class QueueShutDown extends RuntimeException {
    /** Creates the exception. */
    public QueueShutDown() {
        super("queue is shut down");
    }
}
