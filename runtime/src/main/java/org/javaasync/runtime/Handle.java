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
    /** The context the callback runs in: a snapshot, a {@link Context}, or {@code null} for the empty context. */
    private Object context;

    private volatile boolean cancelled;

    Handle(Runnable callback, Object context) {
        this.callback = callback;
        this.context = context;
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

    /**
     * Returns the context the callback runs in (asyncio's {@code Handle.get_context()}): the one given when it was
     * scheduled, or else a copy of the context that was current then. Loop-confined.
     *
     * @return the callback's context
     */
    public Context getContext() {
        if (context instanceof Context c) {
            return c;
        }
        Context own = new Context(context == null ? ContextBindings.EMPTY : (ContextBindings) context, null);
        context = own;
        return own;
    }

    /** Runs the callback in its context, unless cancelled. Called by the loop. */
    @Override
    public void run() {
        if (!cancelled) {
            CurrentContext.runIn(context, callback);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? ", cancelled]" : "]");
    }
}
