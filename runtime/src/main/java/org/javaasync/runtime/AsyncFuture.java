package org.javaasync.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A result that will be available later, bound to one {@link EventLoop} (asyncio's {@code Future}).
 *
 * <p>A future is <em>pending</em> until {@link #setResult}, {@link #setException} or {@link #cancel()} makes it
 * <em>done</em>; then it never changes again. Done-callbacks never run inline: when the future completes (or when a
 * callback is added to a done future) each callback is scheduled with {@link EventLoop#callSoon}, in the order the
 * callbacks were added, exactly as in asyncio.
 *
 * <p><b>Threading.</b> Every method that changes the future or reads its result is loop-confined: call it on the
 * loop's thread (from a task or a callback). From another thread it throws {@link IllegalStateException}; hand the
 * call to the loop with {@link EventLoop#callSoonThreadsafe}. {@link #isDone()} and {@link #isCancelled()} may be
 * read from any thread. To wait from a foreign thread, use {@link #toCompletableFuture()}.
 *
 * <p>An exception that is set and never retrieved (by {@code await}, {@link #result()} or {@link #exception()}) is
 * reported when the future is garbage collected: "Future exception was never retrieved" (for a task: "Task exception
 * was never retrieved"), through the loop's reporter.
 *
 * @param <T> the result type
 */
public non-sealed class AsyncFuture<T> implements Awaitable<T> {
    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte CANCELLED = 2;
    private static final byte FAILED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AsyncFuture.class, "state", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final EventLoop loop;
    // Written only on the loop thread, read from any thread (isDone, isCancelled). Completion publishes it with a
    // release store: a reader that sees the new state also sees the outcome written before, and the loop skips the
    // full fence of a volatile store on every completion (a task's, its waiters').
    private volatile byte state = PENDING;
    // One field for the outcome, read according to the state (a task lives as long as its future, and a suspended
    // task holds a future too, so these objects are kept small): FINISHED the result, FAILED the exception,
    // CANCELLED the cancel message (a String or null) or the CancelledError that ended a task's body.
    private Object outcome;
    // The done-callbacks: null, the only one (most futures have exactly one, the awaiting task, so no list is
    // allocated), or a CallbackList of them in the order they were added.
    private Object callbacks;
    private volatile LeakReports.Tracker unretrieved;

    /**
     * Creates a pending future bound to the event loop running on this thread (asyncio's {@code loop.create_future()}).
     *
     * @throws IllegalStateException if no event loop is running on this thread
     */
    public AsyncFuture() {
        this(EventLoop.running("new AsyncFuture<>()"));
    }

    AsyncFuture(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Wraps a {@link CompletionStage} (for example a {@link CompletableFuture}) in a future of the running loop. The
     * future completes on the loop thread with the stage's result or exception ({@link CompletionException} and
     * {@link ExecutionException} wrappers are removed); cancelling the future cancels the stage if it is a
     * {@link java.util.concurrent.Future}. While the stage is pending it counts as work in flight outside the loop
     * (see {@link VirtualClock}).
     *
     * @param stage the stage to follow
     * @param <T> the result type
     * @return a future of the loop running on this thread
     * @throws IllegalStateException if no event loop is running on this thread
     */
    public static <T> AsyncFuture<T> from(CompletionStage<? extends T> stage) {
        EventLoop loop = EventLoop.running("AsyncFuture.from(stage)");
        AsyncFuture<T> future = new AsyncFuture<>(loop);
        loop.outsideWorkStarted();
        stage.whenComplete((value, failure) -> loop.callSoonThreadsafe(() -> {
            loop.outsideWorkFinished();
            if (future.isDone()) {
                return;
            }
            if (failure == null) {
                future.setResult(value);
            } else {
                Throwable cause = unwrap(failure);
                if (cause instanceof java.util.concurrent.CancellationException) {
                    future.cancel();
                } else {
                    future.setException(cause);
                }
            }
        }));
        if (stage instanceof java.util.concurrent.Future<?> jdkFuture) {
            future.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    jdkFuture.cancel(false);
                }
            });
        }
        return future;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Returns a {@link CompletableFuture} that completes when this future does: with its result, its exception, or
     * cancelled. Usable from any thread. Cancelling the returned future cancels this one (on the loop thread).
     * Dependent stages of the returned future that are not {@code ...Async} run on the loop's thread; keep them short.
     *
     * @return a completable future that follows this future
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> follower = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    loop.callSoonThreadsafe(AsyncFuture.this::cancel);
                }
                return cancelled;
            }
        };
        Consumer<AsyncFuture<T>> forward = f -> {
            if (f.isCancelled()) {
                follower.cancel(false);
            } else if (f.state == FAILED) {
                f.markRetrieved();
                follower.completeExceptionally((Throwable) f.outcome);
            } else {
                follower.complete(f.value());
            }
        };
        if (loop.inEventLoop() || !loop.isRunning()) {
            addDoneCallback(forward);
        } else {
            loop.callSoonThreadsafe(() -> addDoneCallback(forward));
        }
        return follower;
    }

    /**
     * Returns the loop this future is bound to.
     *
     * @return the loop
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Returns whether the future is done: it has a result or an exception, or it was cancelled. Any thread.
     *
     * @return {@code true} if done
     */
    public boolean isDone() {
        return state != PENDING;
    }

    /**
     * Returns whether the future was cancelled. Any thread.
     *
     * @return {@code true} if cancelled
     */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Returns whether the future is done with an exception. Unlike {@link #exception()} this does not count as
     * retrieving the exception, so a failure nobody looks at is still reported as "never retrieved"; tools that
     * only show a task's state (a kernel's timeline) use it. Any thread.
     *
     * @return {@code true} if done with an exception; {@code false} if pending, cancelled or done with a result
     */
    public boolean isFailed() {
        return state == FAILED;
    }

    /**
     * Returns the result. Loop-confined.
     *
     * @return the result
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done yet
     * @throws RuntimeException the future's own exception, rethrown as it is (checked ones too)
     */
    public T result() {
        loop.checkThread("result()");
        return resultNow();
    }

    /**
     * Returns the exception the future was completed with, or {@code null} if it has a result. Loop-confined.
     *
     * @return the exception, or {@code null}
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done yet
     */
    public Throwable exception() {
        loop.checkThread("exception()");
        if (state == CANCELLED) {
            throw cancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Exception is not set: " + this + " is still pending.");
        }
        markRetrieved();
        return state == FAILED ? (Throwable) outcome : null;
    }

    /** The result for {@code await} and {@code result()}: the value, or the exception rethrown as it is. */
    final T resultNow() {
        byte s = state;
        if (s == FINISHED) {
            return value();
        }
        if (s == FAILED) {
            markRetrieved();
            throw Sneaky.rethrow((Throwable) outcome);
        }
        if (s == CANCELLED) {
            throw cancelledError();
        }
        throw new InvalidStateError("Result is not set: " + this + " is still pending.");
    }

    @SuppressWarnings("unchecked")
    private T value() {
        return (T) outcome;
    }

    /**
     * Returns the exception this future failed with if nobody has retrieved it yet ({@code await}, {@link #result()},
     * {@link #exception()} or a {@link #toCompletableFuture()} view retrieve it), else {@code null}: {@code null} too
     * while pending, when cancelled, or with a result. This query does not count as retrieving, so a tool can decide
     * whether to report the failure (the kernel does at the end of a cell) and then call {@link #exception()} to
     * mark it retrieved, which also stops the "exception was never retrieved" report at garbage collection. Any
     * thread.
     *
     * @return the unretrieved exception, or {@code null}
     */
    public Throwable unretrievedException() {
        LeakReports.Tracker tracker = unretrieved;
        return tracker != null && !tracker.isSettled() && state == FAILED ? (Throwable) outcome : null;
    }

    /** The message of a cancelled future's cancellation, else {@code null}. */
    String cancelMessage() {
        if (state != CANCELLED) {
            return null;
        }
        return outcome instanceof CancelledError kept ? kept.getMessage() : (String) outcome;
    }

    /**
     * The error that retrieving this cancelled future throws: for a task, the very {@link CancelledError} that ended
     * its body (message, cause and stack kept, as asyncio re-raises the same instance); otherwise a new one with the
     * cancel message.
     */
    final CancelledError cancelledError() {
        return outcome instanceof CancelledError kept ? kept : new CancelledError((String) outcome);
    }

    final void markRetrieved() {
        LeakReports.Tracker tracker = unretrieved;
        if (tracker != null) {
            tracker.settle();
            unretrieved = null;
        }
    }

    /**
     * Completes the future with a result and schedules its done-callbacks. Loop-confined.
     *
     * @param value the result
     * @throws InvalidStateError if the future is already done
     */
    public void setResult(T value) {
        loop.checkThread("setResult()");
        if (state != PENDING) {
            throw new InvalidStateError("setResult(): " + this + " is already done.");
        }
        outcome = value;
        finish(FINISHED);
    }

    /**
     * Completes the future with an exception and schedules its done-callbacks. Awaiting the future rethrows
     * {@code failure} itself. Loop-confined.
     *
     * @param failure the exception
     * @throws InvalidStateError if the future is already done
     * @throws IllegalArgumentException if {@code failure} is {@code null}
     */
    public void setException(Throwable failure) {
        loop.checkThread("setException()");
        if (failure == null) {
            throw new IllegalArgumentException("setException(null): pass the exception the future failed with");
        }
        if (state != PENDING) {
            throw new InvalidStateError("setException(): " + this + " is already done.");
        }
        completeExceptionally(failure);
    }

    /** What "... exception was never retrieved" says; a task says "Task". */
    String neverRetrievedMessage() {
        return "Future exception was never retrieved";
    }

    /** The context the exception handler runs in for this future's reports; a task's own. */
    Context reportContext() {
        return null;
    }

    /**
     * Cancels the future without a message. See {@link #cancel(String)}.
     *
     * @return {@code true} if the future was pending and is now cancelled
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future: if it is pending, it becomes cancelled and its done-callbacks are scheduled; awaiting it
     * then throws {@link CancelledError} with {@code msg}. Loop-confined.
     *
     * @param msg the message of the {@link CancelledError}, or {@code null}
     * @return {@code true} if the future was pending and is now cancelled, {@code false} if it was already done
     */
    public boolean cancel(String msg) {
        loop.checkThread("cancel()");
        markRetrieved(); // asyncio: whoever cancels a failed future has dealt with it (no "never retrieved")
        return markCancelled(msg);
    }

    /** Cancels this future itself (a task's own cancellation bypasses {@link Task#cancel(String)}). */
    final boolean markCancelled(String msg) {
        if (state != PENDING) {
            return false;
        }
        outcome = msg;
        finish(CANCELLED);
        return true;
    }

    /** Cancels this future with the error that ended it, which awaiting it rethrows (a task's body's). */
    final void markCancelled(CancelledError error) {
        if (state == PENDING) {
            outcome = error;
            finish(CANCELLED);
        }
    }

    /** Sets the result without the thread check or the task restriction; for tasks and combinators. */
    final void complete(T value) {
        outcome = value;
        finish(FINISHED);
    }

    /** Fails the future without the thread check or the task restriction; for tasks and combinators. */
    final void completeExceptionally(Throwable failure) {
        outcome = failure;
        STATE.setRelease(this, FAILED); // so that the report describes the future as finished, as asyncio's does
        unretrieved = LeakReports.trackFailure(
                this,
                loop,
                EventLoop.errorContext(neverRetrievedMessage(), failure, "future", toString()),
                reportContext());
        finish(FAILED);
    }

    private void finish(byte newState) {
        STATE.setRelease(this, newState);
        Object scheduled = callbacks;
        if (scheduled != null) {
            callbacks = null;
            if (scheduled instanceof CallbackList list) {
                for (Object callback : list) {
                    schedule(callback);
                }
            } else {
                schedule(scheduled);
            }
        }
        onDone();
    }

    /** Hook for subclasses that track their own completion (tasks leave the loop's live set). */
    void onDone() {}

    @SuppressWarnings("unchecked")
    private void schedule(Object callback) {
        if (callback instanceof TaskThread waiter) {
            // A suspended task: its wake-up runnable is allocated once per task, so awaiting allocates nothing here.
            loop.readyAdd(waiter);
        } else if (callback instanceof InContext<?> inContext) {
            Consumer<? super AsyncFuture<T>> consumer = (Consumer<? super AsyncFuture<T>>) inContext.callback;
            loop.readyAdd(() -> CurrentContext.runIn(inContext.context, () -> consumer.accept(this)));
        } else {
            Consumer<? super AsyncFuture<T>> consumer = (Consumer<? super AsyncFuture<T>>) callback;
            loop.readyAdd(() -> consumer.accept(this));
        }
    }

    /** A done-callback with the context it runs in (a snapshot, or a {@link Context}). */
    private record InContext<C>(Consumer<C> callback, Object context) {}

    /**
     * Adds a callback to run with this future when it is done; scheduled with {@link EventLoop#callSoon} (never
     * inline), in the order callbacks were added. If the future is already done, the callback is scheduled at once.
     * The callback runs in a copy of the {@link Context} current when it was added. Loop-confined.
     *
     * @param callback the callback; exceptions it throws go to the loop's exception handler and no further
     */
    public void addDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        loop.checkThread("addDoneCallback()");
        ContextBindings current = CurrentContext.snapshot();
        addCallbackObject(current == ContextBindings.EMPTY ? callback : new InContext<>(callback, current));
    }

    /**
     * Like {@link #addDoneCallback(Consumer)}, running the callback in {@code context} (asyncio's {@code context=}).
     *
     * @param callback the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     */
    public void addDoneCallback(Consumer<? super AsyncFuture<T>> callback, Context context) {
        if (context == null) {
            addDoneCallback(callback);
            return;
        }
        loop.checkThread("addDoneCallback()");
        addCallbackObject(new InContext<>(callback, context));
    }

    final void addWaiter(TaskThread waiter) {
        addCallbackObject(waiter);
    }

    private void addCallbackObject(Object callback) {
        Object registered = callbacks;
        if (state != PENDING) {
            schedule(callback);
        } else if (registered == null) {
            callbacks = callback;
        } else if (registered instanceof CallbackList list) {
            list.add(callback);
        } else {
            CallbackList list = new CallbackList();
            list.add(registered);
            list.add(callback);
            callbacks = list;
        }
    }

    /** Two or more done-callbacks; a type of its own, so that no callback can be mistaken for the list. */
    private static final class CallbackList extends ArrayList<Object> {
        CallbackList() {
            super(4);
        }
    }

    /** Whether {@code callback} is the done-callback added last (with or without a context) and not yet scheduled. */
    final boolean hasLastCallback(Object callback) {
        Object registered = callbacks;
        if (registered instanceof CallbackList list) {
            return !list.isEmpty() && isRegistrationOf(list.getLast(), callback);
        }
        return registered != null && isRegistrationOf(registered, callback);
    }

    /**
     * Removes every registration of {@code callback} that has not been scheduled yet. Loop-confined.
     *
     * @param callback the callback given to {@link #addDoneCallback}
     * @return how many registrations were removed
     */
    public int removeDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        loop.checkThread("removeDoneCallback()");
        Object registered = callbacks;
        if (registered instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(c -> isRegistrationOf(c, callback));
            return before - list.size();
        }
        if (registered != null && isRegistrationOf(registered, callback)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    private static boolean isRegistrationOf(Object registered, Object callback) {
        return registered == callback || registered instanceof InContext<?> c && c.callback == callback;
    }

    /** How {@link Task#awaiting()} names this future to people; subclasses say what they stand for. */
    String awaitedDescription() {
        return "AsyncFuture";
    }

    /** asyncio's {@code _future_repr_info}: the state, then the result or the exception when finished. */
    void describeInto(StringBuilder out) {
        byte s = state;
        if (s == PENDING) {
            out.append("pending");
        } else if (s == CANCELLED) {
            out.append("cancelled");
        } else if (s == FAILED) {
            out.append("finished exception=").append(outcome);
        } else {
            String shown = String.valueOf(outcome);
            out.append("finished result=").append(shown.length() > 60 ? shown.substring(0, 57) + "..." : shown);
        }
    }

    /**
     * Describes the future as asyncio's repr does: {@code <AsyncFuture pending>}, {@code <AsyncFuture finished
     * result=42>}, {@code <AsyncFuture cancelled>}, {@code <AsyncFuture finished exception=...>}; a task adds its name,
     * coroutine and what it waits for. Any thread (the description may then be stale).
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("<");
        String kind = getClass().getSimpleName();
        out.append(kind.isEmpty() || kind.equals("GatheringFuture") ? "AsyncFuture" : kind)
                .append(' ');
        describeInto(out);
        return out.append('>').toString();
    }
}
