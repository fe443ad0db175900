package org.javaasync.runtime;

/**
 * A deadline for a block of code in the current task (asyncio's {@code asyncio.timeout()}), used with
 * try-with-resources:
 *
 * <pre>{@code
 * try (var t = timeout(2.0)) {
 *     await(longOperation());
 * }   // TimeoutError if the block took longer than 2 s of loop time
 * }</pre>
 *
 * <p>When the deadline passes, the task is cancelled ({@link Task#cancel()}), so whatever the block awaits is
 * cancelled. The await that was interrupted throws {@link TimeoutError} (with the {@link CancelledError} as cause),
 * which leaves the block; {@link #close()} withdraws the cancellation ({@link Task#uncancel()}) and {@link #expired()}
 * becomes true. If the task was also cancelled by someone else, the await throws {@link CancelledError} instead, and
 * the task stays cancelled.
 *
 * <p><b>Difference from Python:</b> Python delivers a {@code CancelledError} inside the block and turns it into
 * {@code TimeoutError} when the block exits; Java's try-with-resources cannot replace an exception in flight, so here
 * the conversion happens at the interrupted await and code inside the block sees {@code TimeoutError}.
 * {@link Asyncio#waitFor} has no such difference: the awaited code sees {@code CancelledError}, and
 * {@code waitFor} raises {@code TimeoutError}.
 *
 * <p>A timeout scope is created inside a task and closed by the same task; it is not reusable.
 */
public final class Timeout implements AutoCloseable, CancelScope {
    private enum State {
        ENTERED,
        EXPIRING,
        EXPIRED,
        EXITED
    }

    private final Task<?> task;
    private final EventLoop loop;
    private final boolean convertsAtAwait;
    private final int cancellingAtEntry;
    private State state = State.ENTERED;
    private Double when;
    private Handle handle;

    /** Creates and enters a scope in the current task. */
    Timeout(Double when, boolean convertsAtAwait) {
        this.task = Task.currentOrFail("timeout()");
        this.loop = task.loop;
        this.convertsAtAwait = convertsAtAwait;
        this.cancellingAtEntry = task.cancelling();
        task.enterScope(this);
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
     * expires the scope at the next loop iteration.
     *
     * @param newWhen the new deadline in loop time, or {@code null}
     * @throws IllegalStateException if the scope has expired or has been closed
     */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change the deadline of a Timeout that is "
                    + state.name().toLowerCase(java.util.Locale.ROOT));
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
    public boolean requestedCancel() {
        return state == State.EXPIRING;
    }

    @Override
    public RuntimeException replacementFor(CancelledError cancelled) {
        return convertsAtAwait ? timeoutError(cancelled) : cancelled;
    }

    private TimeoutError timeoutError(CancelledError cancelled) {
        return new TimeoutError("timed out (deadline " + when + " in loop time)", cancelled);
    }

    /**
     * Leaves the scope: cancels the deadline and, if it fired, withdraws its cancellation of the task. Idempotent.
     *
     * @throws IllegalStateException if called from another task than the one that created the scope
     */
    @Override
    public void close() {
        if (state == State.EXITED || state == State.EXPIRED) {
            return;
        }
        if (Task.current() != task) {
            throw new IllegalStateException("a Timeout must be closed by the task that created it");
        }
        exit();
    }

    /** Leaves the scope; returns whether the deadline had fired and no other cancellation is pending. */
    private boolean exit() {
        task.exitScope(this);
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            return task.uncancel() <= cancellingAtEntry;
        }
        state = State.EXITED;
        return false;
    }

    /** Runs {@code body} inline under this scope with Python's exact exit semantics (for {@code waitFor}). */
    <T> T run(AsyncSupplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (CancelledError e) {
            if (exit()) {
                throw timeoutError(e);
            }
            throw e;
        } catch (Throwable e) {
            exit();
            throw Sneaky.rethrow(e);
        }
        exit();
        return value;
    }

    @Override
    public String toString() {
        return "<Timeout " + state.name().toLowerCase(java.util.Locale.ROOT) + " when=" + when + ">";
    }
}
