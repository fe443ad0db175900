package org.javaasync.runtime;

/**
 * Thrown at a task's {@code await(...)} when the task, or the future it awaits, is cancelled (asyncio's
 * {@code CancelledError}); also thrown by {@link AsyncFuture#result()} of a cancelled future.
 *
 * <p>A task may catch it to clean up (cleanup may await) and should normally rethrow it. A task that catches it and
 * returns normally is <em>not</em> cancelled, exactly as in asyncio; to acknowledge a cancellation that you swallow on
 * purpose, call {@link Task#uncancel()}.
 */
public class CancelledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a cancellation without a message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates a cancellation carrying the message given to {@code cancel(msg)}.
     *
     * @param message the cancel message, or {@code null}
     */
    public CancelledError(String message) {
        super(message);
    }
}
