package org.javaasync.runtime;

/**
 * A callback scheduled on an {@link EventLoop} with {@link EventLoop#callSoon} or
 * {@link EventLoop#callSoonThreadsafe} (asyncio's {@code Handle}).
 *
 * <p>{@link #cancel()} prevents a callback that has not run yet from running; cancelling one that already ran, or
 * cancelling twice, does nothing.
 */
public sealed class Handle implements Runnable permits TimerHandle {
    private final Runnable callback;
    private volatile boolean cancelled;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Cancels the callback: if it has not run yet, it never will. May be called from any thread. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Returns whether {@link #cancel()} was called.
     *
     * @return {@code true} if the callback was cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs the callback unless cancelled. Called by the loop. */
    @Override
    public void run() {
        if (!cancelled) {
            callback.run();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? ", cancelled]" : "]");
    }
}
