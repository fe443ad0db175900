package org.javaasync.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A future that runs a coroutine (asyncio's {@code Task}). Create one with {@link Asyncio#createTask(Awaitable)} or
 * {@link EventLoop#createTask}; its first step is scheduled with {@code callSoon}, so it starts when the current task
 * next awaits. The task's result is the coroutine's result; an exception escaping the coroutine becomes the task's
 * exception; a {@link CancelledError} escaping it makes the task cancelled.
 *
 * <p><b>Cancellation</b> ({@link #cancel(String)}) follows asyncio 3.11+ to the letter. It is a request: if the task
 * is suspended in {@code await(future)}, that future is cancelled and the task's {@code await} throws
 * {@link CancelledError}; otherwise the error is thrown at the task's next {@code await} (if the task has not started
 * yet, its body never runs). The task may catch it, clean up (cleanup may await), and should rethrow; if it returns
 * normally instead, the task is not cancelled. If the task is blocked in a JDK call rather than in {@code await}
 * ({@code Thread.sleep}, {@code BlockingQueue.take}, socket I/O), {@code cancel} also interrupts its thread: the call
 * throws {@link InterruptedException} (or {@link java.nio.channels.ClosedByInterruptException}; a
 * {@code java.net.Socket} is closed), and if that exception escapes the body the task ends cancelled; if the body
 * swallows it, the {@link CancelledError} is thrown at its next {@code await}. (The portable scheduler cannot
 * interrupt JDK calls; see {@link EventLoop.Scheduler#PORTABLE}.) {@link #cancelling()} counts pending requests and
 * {@link #uncancel()} withdraws one.
 *
 * <p>{@link #setResult} and {@link #setException} are not supported on tasks. All methods except
 * {@link #isDone()}, {@link #isCancelled()} and {@link #getName()} are loop-confined.
 *
 * @param <T> the result type
 */
public final class Task<T> extends AsyncFuture<T> {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    private final TaskThread thread;
    private String name;
    private final long number;
    private AsyncFuture<?> waitingOn;
    private boolean mustCancel;
    private String cancelMessage;
    private int cancelsRequested;
    private TaskScopes scopes;
    /** The task's context: its own {@link ContextBindings}, or a {@link Context} (shared, or made by getContext()). */
    private Object contextState;
    // The loop's intrusive list of live tasks: two fields instead of a hash-set node per task.
    Task<?> previousLive;
    Task<?> nextLive;

    Task(EventLoop loop, Coroutine<T> coro, String name, Context context, boolean eagerStart) {
        super(loop);
        this.coro = coro;
        this.name = name;
        // As in asyncio, only an unnamed task takes a number: Task-N counts the tasks left unnamed, so naming tasks
        // (a kernel's cell tasks, say) never shifts the names of the others.
        this.number = name == null ? COUNTER.incrementAndGet() : 0;
        // contextvars: a task runs in a copy of its creator's current context, or in the context it was given.
        this.contextState = context != null ? context : CurrentContext.snapshot();
        coro.start(); // claims the coroutine's single run; runBody() takes its body from it
        this.thread = loop.newTaskThread(this);
        loop.taskStarted(this);
        if (eagerStart && loop.isRunning() && loop.inEventLoop()) {
            loop.runFirstStepNow(thread);
        } else {
            thread.start();
        }
    }

    /**
     * Creates a task (asyncio's {@code Task(coro, loop=, name=, context=, eager_start=)}), for {@link TaskFactory}
     * implementations; otherwise use {@code createTask}. A lazy task's first step is scheduled with {@code callSoon}.
     * An eager task, created while its loop runs, runs its first step at once, inside this call, until it first
     * suspends (or finishes: then it is done when this returns and is never scheduled), as asyncio 3.12's eager tasks
     * do; the caller resumes right after, before anything else runs. Loop-confined.
     *
     * @param loop the loop
     * @param coro a coroutine that has not run yet
     * @param name the name, or {@code null} for {@code Task-N}
     * @param context the context to run in, or {@code null} for a copy of the current one
     * @param eagerStart whether to run the first step at once
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the loop is closed, the coroutine already ran, or called from a thread other
     *     than the loop's
     */
    public static <T> Task<T> create(
            EventLoop loop, Coroutine<T> coro, String name, Context context, boolean eagerStart) {
        loop.checkOpen();
        loop.checkThread("Task.create()");
        return new Task<>(loop, coro, name, context, eagerStart);
    }

    /** Gives the loop to {@code first} (a new eager task's first step), and resumes right after it. */
    void yieldTo(TaskThread first) {
        loop.readyAddFirst(thread);
        loop.readyAddFirst(first);
        thread.suspend();
    }

    /**
     * The task whose body is running on the calling thread, or {@code null} (asyncio's {@code current_task()}
     * outside a task). Unlike {@link Asyncio#currentTask()} it never throws, so tools may call it from any thread.
     */
    public static Task<?> current() {
        return EventLoop.currentTask();
    }

    /** The task running on this thread, or a clear error that says what to do instead. */
    static Task<?> currentOrFail(String operation) {
        Task<?> task = EventLoop.currentTask();
        if (task != null) {
            return task;
        }
        EventLoop loop = EventLoop.runningOrNull();
        if (loop != null) {
            throw new IllegalStateException(operation + " must be called inside a task, not from a plain loop callback;"
                    + " wrap the code in createTask(...) or async(...)");
        }
        throw new IllegalStateException(operation + " called outside a task: no event loop is running on this thread."
                + " Run the code with Asyncio.run(...) (or inside a task of a running loop).");
    }

    /** Runs on the task's thread: the body, then the task's outcome. */
    void runBody() {
        try {
            if (mustCancel) {
                mustCancel = false;
                throw new CancelledError(cancelMessage);
            }
            T value = coro.body().get();
            if (mustCancel) {
                // Cancelled right before the body returned, with no await left to deliver it: asyncio cancels.
                mustCancel = false;
                markCancelled(cancelMessage);
            } else {
                complete(value);
            }
        } catch (CancelledError e) {
            markCancelled(e);
        } catch (InterruptedException e) {
            if (cancelsRequested > 0) {
                markCancelled(cancelMessage);
            } else {
                fail(e);
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        completeExceptionally(e);
    }

    @Override
    String neverRetrievedMessage() {
        return "Task exception was never retrieved";
    }

    @Override
    ContextBindings reportContext() {
        // The values, not a Context made by getContext(): the report is made after the task is collected, so it must
        // not hold the task.
        return CurrentContext.bindingsOf(contextState);
    }

    @Override
    void addReportKeys(Map<String, Object> report) {
        report.put("task_name", name);
    }

    @Override
    void onDone() {
        loop.taskFinished(this);
    }

    /**
     * Suspends this task (the current one) until {@code future} is done and returns its result; the heart of
     * {@code await}. Mirrors asyncio's {@code Task.__step} and {@code __wakeup}.
     */
    <R> R awaitFuture(AsyncFuture<R> future) {
        return awaitFuture(future, false);
    }

    /**
     * Like {@link #awaitFuture(AsyncFuture)}; for the runtime's own cleanup ({@code cleanup}: a task group joining
     * its tasks, a scope's exit) a cancellation stays a {@link CancelledError} whatever scope asked for it, since the
     * cleanup must see it to react, and an expired try-with-resources timeout does not interrupt the wait.
     */
    <R> R awaitFuture(AsyncFuture<R> future, boolean cleanup) {
        if (future.isDone()) {
            // asyncio returns at once for a done future: no switch, and a pending cancel waits for the next suspension.
            return resultOf(future, cleanup);
        }
        if (future == this) {
            throw new IllegalStateException("a task cannot await itself: " + this);
        }
        if (future.loop != loop) {
            throw new IllegalStateException("cannot await " + future + ": it belongs to another event loop");
        }
        if (!cleanup && !mustCancel && scopes != null) {
            interruptAgainIfExpired();
        }
        if (mustCancel && future.cancel(cancelMessage)) {
            mustCancel = false;
        }
        waitingOn = future;
        future.addWaiter(thread);
        thread.suspend();
        waitingOn = null;
        if (mustCancel) {
            mustCancel = false;
            CancelledError cancelled = new CancelledError(cancelMessage);
            throw cleanup ? cancelled : translate(cancelled);
        }
        return resultOf(future, cleanup);
    }

    /** Lets every other ready callback run once, then resumes ({@code await sleep(0)}). */
    void yieldOnce() {
        if (!mustCancel && scopes != null) {
            interruptAgainIfExpired();
        }
        loop.readyAdd(thread);
        thread.suspend();
        if (mustCancel) {
            mustCancel = false;
            throw translate(new CancelledError(cancelMessage));
        }
    }

    /**
     * An expired try-with-resources timeout interrupts every await of its block: one that comes after the first
     * interruption means the block caught the TimeoutError (or awaits in a finally block), which the scope reports.
     */
    private void interruptAgainIfExpired() {
        if (scopes.interruptingScope() instanceof Timeout expired) {
            mustCancel = true;
            expired.interruptedAgain();
        }
    }

    private <R> R resultOf(AsyncFuture<R> future, boolean cleanup) {
        try {
            return future.resultNow();
        } catch (CancelledError e) {
            throw cleanup ? e : translate(e);
        } catch (Throwable e) {
            if (!cleanup) {
                AwaitTraces.record(e); // the exception crosses into this task here: keep where, as Python's traceback
            }
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * What a {@link CancelledError} reaching an await becomes: see {@link TaskScopes#errorFor}. Java's
     * try-with-resources cannot replace an exception in flight at {@code close()}, so for those scopes the
     * conversion Python makes at the scope's exit happens here.
     */
    RuntimeException translate(CancelledError e) {
        if (scopes == null || scopes.isEmpty()) {
            return e;
        }
        return scopes.errorFor(e, cancelsRequested);
    }

    /**
     * Marks the start of runtime cleanup in this task (a resource's teardown, a generator's close): an expired
     * try-with-resources timeout does not interrupt its awaits, as asyncio lets cleanup await after a cancellation.
     * Returns whether {@link #endCleanup()} must follow.
     */
    boolean beginCleanup() {
        if (scopes == null) {
            return false;
        }
        scopes.cleanupStarted();
        return true;
    }

    void endCleanup() {
        scopes.cleanupFinished();
    }

    TaskScopes scopes() {
        if (scopes == null) {
            scopes = new TaskScopes();
        }
        return scopes;
    }

    /**
     * Requests cancellation without a message. See {@link #cancel(String)}.
     *
     * @return {@code false} if the task is already done, {@code true} otherwise
     */
    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests that the task be cancelled; see the class description for exactly when and how the
     * {@link CancelledError} is delivered. Each call that returns {@code true} increments {@link #cancelling()}.
     * Loop-confined: from another thread use {@code loop.callSoonThreadsafe(() -> task.cancel(msg))}.
     *
     * @param msg the message of the {@link CancelledError}, or {@code null}
     * @return {@code false} if the task is already done, {@code true} otherwise
     */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread("Task.cancel()");
        markRetrieved(); // asyncio: cancelling a failed task silences its "exception was never retrieved"
        if (isDone()) {
            return false;
        }
        cancelsRequested++;
        if (waitingOn != null && waitingOn.cancel(msg)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = msg;
        thread.interruptIfBlockedOutside();
        return true;
    }

    /**
     * Returns the number of pending cancellation requests: calls of {@link #cancel} minus calls of {@link #uncancel}.
     *
     * @return the number of pending requests
     */
    public int cancelling() {
        return cancelsRequested;
    }

    /**
     * Withdraws one cancellation request, for code that handles a cancellation itself (timeouts and task groups do).
     * When the count reaches zero a cancellation not yet delivered is dropped (asyncio 3.13).
     *
     * @return the remaining number of requests
     */
    public int uncancel() {
        if (cancelsRequested > 0) {
            cancelsRequested--;
            if (cancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return cancelsRequested;
    }

    /**
     * Not supported: a task's result is its coroutine's.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult(): its result is its coroutine's");
    }

    /**
     * Not supported: a task's exception is its coroutine's.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setException(Throwable failure) {
        throw new UnsupportedOperationException("Task does not support setException(): throw from its coroutine");
    }

    /**
     * Returns the task's name: the one given at creation or with {@link #setName}, otherwise {@code Task-N}, where N
     * counts the tasks created without a name in this JVM (named tasks take no number, as in asyncio).
     *
     * @return the name
     */
    public String getName() {
        String n = name;
        return n != null ? n : "Task-" + number;
    }

    /**
     * Renames the task.
     *
     * @param name the new name
     * @throws NullPointerException if {@code name} is null: a task keeps a name once it has one
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Returns the {@link Context} this task runs in (asyncio's {@code Task.get_context()}): a copy of its creator's
     * context taken when the task was created, or the context given to {@code createTask(..., context)}. Values set
     * in the task live there; {@code getContext().get(var)} reads them from outside the task, and
     * {@code getContext().run(() -> var.set(x))} sets one for the task (before it starts, say). Loop-confined.
     *
     * @return the task's context
     */
    public Context getContext() {
        if (contextState instanceof Context c) {
            return c;
        }
        Context own = new Context((ContextBindings) contextState, this);
        contextState = own;
        return own;
    }

    Object contextState() {
        return contextState;
    }

    void setContextState(Object state) {
        contextState = state;
    }

    /**
     * Returns the coroutine this task runs.
     *
     * @return the coroutine
     */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /**
     * Says what this task is suspended on, for people (a kernel's task list, debug reports): {@code "sleep(2.0)"}
     * for {@code await(sleep(2))}, {@code "Task 'worker-1'"} for another task, {@code "gather of 3"}, or
     * {@code "AsyncFuture"} for any other future. When the task awaits a coroutine, the coroutine runs inline, so
     * this names what the coroutine itself is suspended on.
     *
     * <p>Loop-confined, like the task's other methods: call it on the loop's thread (from a task or a callback).
     *
     * @return the description, or {@code null} when the task is not suspended in an {@code await}: it has not
     *         started, is ready to run, is running (possibly blocked in a JDK call), or is done
     */
    public String awaiting() {
        AsyncFuture<?> future = waitingOn;
        return future == null ? null : future.awaitedDescription();
    }

    @Override
    String awaitedDescription() {
        return "Task '" + getName() + "'";
    }

    /** Where the task's thread is now, for debug reports. */
    StackTraceElement[] stack() {
        Thread t = thread.thread();
        return t != null ? t.getStackTrace() : new StackTraceElement[0];
    }

    @Override
    void describeInto(StringBuilder out) {
        int at = out.length();
        super.describeInto(out);
        if (!isDone() && cancelsRequested > 0) {
            out.replace(at, out.length(), "cancelling");
        }
        int stateEnd = out.indexOf(" ", at);
        String rest = stateEnd < 0 ? "" : out.substring(stateEnd);
        out.setLength(stateEnd < 0 ? out.length() : stateEnd);
        out.append(" name='").append(getName()).append("' coro=").append(coro);
        AsyncFuture<?> waiting = waitingOn;
        if (waiting != null) {
            out.append(" wait_for=").append(waiting);
        }
        out.append(rest);
    }
}
