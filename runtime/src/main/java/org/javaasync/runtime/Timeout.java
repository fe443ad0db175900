package org.javaasync.runtime;

/**
 * A deadline for a block of code in the current task (asyncio's {@code asyncio.timeout()}). Two forms:
 *
 * <pre>{@code
 * String page = await(timeout(2.0, () -> await(fetch(url))));   // the exact form: asyncio's semantics to the letter
 *
 * try (var t = timeout(2.0)) {                                   // the try-with-resources form
 *     page = await(fetch(url));
 * }
 * }</pre>
 *
 * <p>When the deadline passes, the task is cancelled ({@link Task#cancel()}), so whatever the block awaits is
 * cancelled and the block ends with {@link TimeoutError} (its {@link Throwable#getCause() cause} is the
 * {@link CancelledError} that stopped the work); {@link #expired()} becomes true. If the task is also cancelled by
 * someone else, the {@code CancelledError} wins and the task stays cancelled. A scope never claims a cancellation
 * that was pending before it was entered, nor another scope's deadline.
 *
 * <p><b>The exact form</b> ({@code await(timeout(seconds, body))}, {@link Asyncio#timeout(double, AsyncSupplier)})
 * sees the body's exception, exactly as Python's {@code async with} does: inside the body the deadline arrives as a
 * {@link CancelledError} (cleanup in {@code finally} blocks may await, as in asyncio), and the scope turns it into
 * {@code TimeoutError} when the body is left. If the body ends with another exception while the scope is cancelling
 * (a failing cleanup), that exception leaves with a {@code TimeoutError} attached as suppressed, as Python attaches it
 * as context. Use this form where a block may catch exceptions, nests scopes, or holds a task group.
 *
 * <p><b>The try-with-resources form</b> ({@code try (var t = timeout(seconds))}) cannot see or replace the block's
 * exception ({@link #close()} is not told), so the conversion happens at the interrupted await: it throws
 * {@code TimeoutError} directly, and code inside the block sees {@code TimeoutError}, not {@code CancelledError}. So
 * that no catch inside the block can swallow the deadline, <b>an expired scope keeps interrupting</b>: every later
 * await inside the block is interrupted too (with the {@code TimeoutError} of the outermost expired scope) until the
 * block is left; the runtime's own cleanup (a task group joining its tasks, an {@link AsyncResource} or
 * {@link AsyncGenerator} closing) still completes. What this form cannot do: a {@code finally} block inside an
 * expired scope cannot await (its first await is interrupted; use the exact form for cleanup that awaits), and a
 * block that catches its own {@code TimeoutError} and then ends without awaiting ends normally.
 *
 * <p>A timeout scope belongs to the task that entered it, which must also leave it; it is not reusable.
 */
public final class Timeout extends CancelScope implements AutoCloseable {
    private enum State {
        CREATED("created"),
        ENTERED("active"),
        EXPIRING("expiring"),
        EXPIRED("expired"),
        EXITED("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private final boolean exact;
    /** What made the scope, as {@link TimeoutError#operation()} names it. */
    private final String operation;
    /** The line that entered a try-with-resources scope; an exact scope's is found in its error's stack. */
    private final StackTraceElement calledAt;

    /**
     * For a deadline given in seconds from now: those seconds, added to the same clock reading as {@link #enteredAt},
     * so that the error says the seconds asked for, not them less the time spent getting into the scope.
     */
    private final Double secondsFromEntry;

    private final boolean relative;

    private Task<?> task;
    private EventLoop loop;
    private int cancellingAtEntry;
    private double enteredAt;
    private State state = State.CREATED;
    private Double when;
    private Handle handle;
    /** The cancellation that interrupted the block, the cause of the TimeoutErrors this scope makes. */
    private CancelledError interruption;
    /** Whether the block went on awaiting after its deadline (reported once). */
    private boolean reinterrupted;

    private Timeout(
            Double when,
            Double secondsFromEntry,
            boolean relative,
            boolean exact,
            String operation,
            StackTraceElement calledAt) {
        this.when = when;
        this.secondsFromEntry = secondsFromEntry;
        this.relative = relative;
        this.exact = exact;
        this.operation = operation;
        this.calledAt = calledAt;
    }

    /** A try-with-resources scope made by {@code operation}, entered now in the current task, ending at when. */
    static Timeout entered(Double when, String operation) {
        // The block's awaits say where a deadline interrupted it; only here is the line that set the deadline known.
        return enter(new Timeout(when, null, false, false, operation, CoroutineNames.callerFrame()));
    }

    /** As {@link #entered}, ending {@code seconds} after the entry ({@code null}: never). */
    static Timeout enteredFor(Double seconds, String operation) {
        return enter(new Timeout(null, seconds, true, false, operation, CoroutineNames.callerFrame()));
    }

    private static Timeout enter(Timeout scope) {
        scope.enter();
        return scope;
    }

    /**
     * Runs {@code body} in a new scope of the current task made by {@code operation}, ending at {@code when}, with
     * Python's exit semantics.
     */
    static <T> T runExact(Double when, String operation, AsyncFunction<Timeout, T> body) {
        return run(new Timeout(when, null, false, true, operation, null), body);
    }

    /** As {@link #runExact}, ending {@code seconds} after the entry ({@code null}: never). */
    static <T> T runExactFor(Double seconds, String operation, AsyncFunction<Timeout, T> body) {
        return run(new Timeout(null, seconds, true, true, operation, null), body);
    }

    private static <T> T run(Timeout scope, AsyncFunction<Timeout, T> body) {
        scope.enter();
        T value;
        try {
            value = body.apply(scope);
        } catch (Throwable e) {
            throw Sneaky.rethrow(scope.exit(e));
        }
        scope.exit(null);
        return value;
    }

    private void enter() {
        task = Task.currentOrFail("timeout()");
        loop = task.loop;
        state = State.ENTERED;
        enteredAt = loop.time();
        if (relative) {
            when = secondsFromEntry == null ? null : enteredAt + secondsFromEntry;
        }
        cancellingAtEntry = task.cancelling();
        task.scopes().enter(this);
        reschedule(when);
    }

    /**
     * Returns the deadline in loop time ({@link EventLoop#time()}), or {@code null} if there is none.
     *
     * @return the deadline, or {@code null}
     */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline (asyncio's {@code reschedule}); {@code null} removes it. A deadline already in the past
     * expires the scope at the next loop iteration. Loop-confined.
     *
     * @param newWhen the new deadline in loop time, or {@code null}
     * @throws IllegalStateException if the scope has expired (or is expiring) or has been left
     */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException(
                    state == State.CREATED
                            ? "Timeout has not been entered"
                            : "Cannot change state of " + state.text + " Timeout");
        }
        when = newWhen;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (newWhen != null) {
            // A deadline already passed fires with callSoon, as asyncio does, not at the next timer collection.
            handle = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.timerAt(newWhen, this::onTimeout);
        }
    }

    /**
     * Returns whether the deadline passed and cancelled the block.
     *
     * @return {@code true} once the timeout fired
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        task.cancel();
        state = State.EXPIRING;
        handle = null;
    }

    @Override
    boolean holdsCancel() {
        return state == State.EXPIRING;
    }

    @Override
    boolean converts(int remaining) {
        return state == State.EXPIRING && remaining <= cancellingAtEntry;
    }

    @Override
    boolean seesBlockOutcome() {
        return exact;
    }

    @Override
    RuntimeException replacementFor(CancelledError cancelled) {
        return timeoutError(cancelled);
    }

    @Override
    boolean interruptsAwaits() {
        return !exact && state == State.EXPIRING;
    }

    /**
     * An await in the expired block after the first interruption: the block caught its {@link TimeoutError} and went
     * on, or awaits in a {@code finally} block. Java cannot tell which; both are reported once, to the loop's reporter
     * (a kernel shows it in the cell), since the block does not get to finish what it meant to do.
     */
    void interruptedAgain() {
        if (!reinterrupted) {
            reinterrupted = true;
            loop.report("timeout scope (try-with-resources) interrupted an await again after its deadline ("
                    + TimeoutError.format(when - enteredAt)
                    + " s) passed: the block caught its TimeoutError and went on, or awaits in a finally block. Every"
                    + " await in an expired block is interrupted until the block is left; to recover from a timeout,"
                    + " catch TimeoutError outside the try-with-resources, and for cleanup that awaits use the exact"
                    + " form await(timeout(seconds, () -> ...)).\nTask: " + task.getName());
        }
    }

    /**
     * Returns whether the block went on awaiting after the deadline passed (see the class comment): a detectable state
     * for tools that warn about catching a scope's own {@link TimeoutError} inside its block.
     *
     * @return {@code true} once an await of the expired block was interrupted a second time
     */
    public boolean interruptedAgainAfterDeadline() {
        return reinterrupted;
    }

    private TimeoutError timeoutError(CancelledError cancelled) {
        if (interruption == null) {
            interruption = cancelled;
        }
        return new TimeoutError(when == null ? null : when - enteredAt, operation, calledAt, cancelled, this);
    }

    /**
     * Leaves the try-with-resources scope: cancels the deadline and, if it fired, withdraws its cancellation of the
     * task ({@link Task#uncancel()}). Never throws the {@link TimeoutError} itself: that was thrown at the interrupted
     * await. Idempotent.
     *
     * @throws IllegalStateException if called from another task than the one that entered the scope, or on a scope
     *     of the exact form
     */
    @Override
    public void close() {
        if (state == State.EXITED || state == State.EXPIRED) {
            return;
        }
        if (exact) {
            throw new IllegalStateException("this Timeout belongs to await(timeout(..., body)), which leaves it");
        }
        if (Task.current() != task) {
            throw new IllegalStateException("a Timeout must be closed by the task that created it");
        }
        exit(null);
    }

    /**
     * Leaves the scope as Python's {@code __aexit__} does, knowing how the block ended: for tools that see the block's
     * outcome (a kernel that rewrites try-with-resources, say). Cancels the deadline, withdraws the scope's
     * cancellation if it fired, and returns what the block should end with: a {@link TimeoutError} if
     * {@code blockFailure} is the cancellation this scope caused (and no other cancellation is pending),
     * {@code blockFailure} itself otherwise (with a {@code TimeoutError} attached as suppressed if it interrupted this
     * scope's cleanup), or {@code null} if the block ended normally. Must be called by the task that entered the
     * scope, once, instead of {@link #close()}.
     *
     * @param blockFailure the exception that ended the block, or {@code null}
     * @return the exception to throw instead, or {@code null}
     * @throws IllegalStateException if the scope was already left, or from another task
     */
    public Throwable closeAfter(Throwable blockFailure) {
        if (state == State.EXITED || state == State.EXPIRED) {
            throw new IllegalStateException("the Timeout was already left");
        }
        if (Task.current() != task) {
            throw new IllegalStateException("a Timeout must be closed by the task that created it");
        }
        return exit(blockFailure);
    }

    /** Python's {@code __aexit__}: returns the exception the block ends with. */
    private Throwable exit(Throwable blockFailure) {
        try {
            return leave(blockFailure);
        } finally {
            // The scope outlives its block in the TimeoutError it made (identity is all it is asked for then): it must
            // not keep the task, or a task that failed with its own timeout could never be freed and reported.
            task = null;
        }
    }

    private Throwable leave(Throwable blockFailure) {
        task.scopes().exit(this);
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && blockFailure != null) {
                if (blockFailure instanceof TimeoutError own && own.scope == this) {
                    return own;
                }
                if (blockFailure instanceof CancelledError cancelled) {
                    return timeoutError(cancelled);
                }
                if (!isOtherScopesError(blockFailure)) {
                    insertTimeoutError(blockFailure);
                }
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return blockFailure;
    }

    /** Whether {@code failure} is the error another scope's cancellation became (it passes through untouched). */
    private static boolean isOtherScopesError(Throwable failure) {
        return failure instanceof TimeoutError t && t.scope != null
                || failure instanceof ExceptionGroup g && g.deliveredAtAwait;
    }

    /**
     * Python 3.13 chains a {@code TimeoutError} into the context of an exception that replaced the scope's
     * cancellation (a cleanup that failed); Java's equivalent is a suppressed exception.
     */
    private void insertTimeoutError(Throwable failure) {
        TimeoutError marker = timeoutError(interruption != null ? interruption : new CancelledError());
        failure.addSuppressed(marker);
        if (failure instanceof ExceptionGroup group) {
            for (Throwable each : group.exceptions()) {
                each.addSuppressed(marker);
            }
        }
    }

    @Override
    public String toString() {
        if (state == State.ENTERED) {
            String w = when == null ? "None" : String.valueOf(Math.round(when * 1000) / 1000.0);
            return "<Timeout [" + state.text + "] when=" + w + ">";
        }
        return "<Timeout [" + state.text + "]>";
    }
}
