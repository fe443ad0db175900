package org.javaasync.runtime;

/**
 * Thrown when an operation does not fit a future's state (asyncio's {@code InvalidStateError}): asking a pending
 * future for its result or exception, or setting the result of a future that is already done.
 */
public class InvalidStateError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was attempted and in which state
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
