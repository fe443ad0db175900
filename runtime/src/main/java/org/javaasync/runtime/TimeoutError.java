package org.javaasync.runtime;

/**
 * Thrown when a deadline set by {@link Asyncio#waitFor} or a {@link Asyncio#timeout(double) timeout scope} expires
 * (asyncio's {@code TimeoutError}). The work inside was cancelled first; the {@link #getCause() cause} is the
 * {@link CancelledError} that stopped it.
 *
 * <p>Named after asyncio rather than {@code TimeoutException}: {@link java.util.concurrent.TimeoutException} is
 * checked and already imported by JShell's defaults.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a timeout error.
     *
     * @param message what timed out
     * @param cause the cancellation that stopped the work, or {@code null}
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
