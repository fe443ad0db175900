package org.javaasync.runtime;

/**
 * Thrown when a deadline set by {@link Asyncio#waitFor} or a {@link Timeout timeout scope} passes (asyncio's
 * {@code TimeoutError}). The work inside was cancelled first; the {@link #getCause() cause} is the
 * {@link CancelledError} that stopped it.
 *
 * <p>A {@code TimeoutError} belongs to the scope whose deadline passed: another timeout scope (an inner one, a
 * {@code waitFor} inside the block) lets it pass and never takes it for its own.
 *
 * <p>Named after asyncio rather than {@code TimeoutException}: {@link java.util.concurrent.TimeoutException} is
 * checked and already imported by JShell's defaults.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The timeout scope whose deadline this is; {@code null} for other timeouts. */
    final transient Timeout scope;

    /**
     * Creates a timeout error.
     *
     * @param message what timed out
     * @param cause the cancellation that stopped the work, or {@code null}
     */
    public TimeoutError(String message, Throwable cause) {
        this(message, cause, null);
    }

    TimeoutError(String message, Throwable cause, Timeout scope) {
        super(message, cause);
        this.scope = scope;
    }
}
