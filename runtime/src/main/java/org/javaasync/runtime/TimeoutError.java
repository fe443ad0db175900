package org.javaasync.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Thrown when a deadline set by {@link Asyncio#waitFor}, a {@link Timeout timeout scope} or
 * {@link Asyncio#asCompleted(java.util.Collection, double)} passes (asyncio's {@code TimeoutError}). The work inside
 * was cancelled first; the {@link #getCause() cause} is the {@link CancelledError} that stopped it.
 *
 * <p>The message says how long the deadline allowed and what set it: {@code "timed out after 0.3 s (waitFor)"}.
 * {@link #seconds()}, {@link #operation()} and {@link #calledAt()} give the same facts to tools, and
 * {@link #describeAt(String)} words them with the place of the call in the tool's own terms
 * ({@code "timed out after 0.3 s (waitFor at cell 5, line 3)"}).
 *
 * <p>A {@code TimeoutError} belongs to the scope whose deadline this is: another timeout scope (an inner one, a
 * {@code waitFor} inside the block) lets it pass and never takes it for its own.
 *
 * <p>Named after asyncio rather than {@code TimeoutException}: {@link java.util.concurrent.TimeoutException} is
 * checked and already imported by JShell's defaults.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The timeout scope whose deadline this is; {@code null} for other timeouts. */
    final transient Timeout scope;

    private final Double seconds;
    private final String operation;
    private transient StackTraceElement calledAt;

    /**
     * Creates a timeout error.
     *
     * @param message what timed out
     * @param cause the cancellation that stopped the work, or {@code null}
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
        this.scope = null;
        this.seconds = null;
        this.operation = null;
    }

    /** The error of a deadline the runtime set; {@code calledAt} {@code null}: the first caller frame of the stack. */
    TimeoutError(Double seconds, String operation, StackTraceElement calledAt, Throwable cause, Timeout scope) {
        super(message(seconds, operation, null), cause);
        this.scope = scope;
        this.seconds = seconds;
        this.operation = operation;
        this.calledAt = calledAt;
    }

    /**
     * Returns how long the deadline allowed, in seconds of loop time: from the call (or the scope's entry) to the
     * deadline that passed.
     *
     * @return the seconds, or {@code null} for an error the runtime did not make
     */
    public Double seconds() {
        return seconds;
    }

    /**
     * Returns what set the deadline: {@code "waitFor"}, {@code "timeout"} (either form), {@code "timeoutAt"} or
     * {@code "asCompleted"}.
     *
     * @return the operation, or {@code null} for an error the runtime did not make
     */
    public String operation() {
        return operation;
    }

    /**
     * Returns the frame of the code that set the deadline: the line that entered a try-with-resources
     * {@code timeout(...)} scope, or the line that awaited {@code waitFor}, {@code timeout(seconds, body)} or an
     * {@code asCompleted} element (the first frame outside the runtime in this error's stack).
     *
     * @return the caller's frame, or {@code null} if unknown (an error the runtime did not make)
     */
    public StackTraceElement calledAt() {
        if (calledAt == null && operation != null) {
            calledAt = CoroutineNames.firstCaller(getStackTrace());
        }
        return calledAt;
    }

    /**
     * Returns the message with the place of the call in words a tool chose: {@code describeAt("cell 5, line 3")} is
     * {@code "timed out after 0.3 s (waitFor at cell 5, line 3)"}. For an error the runtime did not make, or a
     * {@code null} place, the message as it is.
     *
     * @param place where {@link #calledAt()} is, as the tool's users read it, or {@code null}
     * @return the message
     */
    public String describeAt(String place) {
        return operation == null || place == null ? getMessage() : message(seconds, operation, place);
    }

    private static String message(Double seconds, String operation, String place) {
        String after = seconds == null ? "" : " after " + format(seconds) + " s";
        String what = operation + (place == null ? "" : " at " + place);
        return "timed out" + after + " (" + what + ")";
    }

    /** Seconds as people write them: {@code 0.3}, {@code 2}, {@code 29.821}. */
    static String format(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return String.valueOf(seconds);
        }
        BigDecimal rounded = BigDecimal.valueOf(Math.max(0, seconds)).setScale(3, RoundingMode.HALF_UP);
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }
}
