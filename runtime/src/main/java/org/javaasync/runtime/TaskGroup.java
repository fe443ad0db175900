package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structured concurrency (asyncio's {@code TaskGroup}): tasks created in the group are awaited when the block ends,
 * and the first failure cancels the others. Two forms:
 *
 * <pre>{@code
 * await(taskGroup(tg -> {                  // the exact form: asyncio's semantics to the letter
 *     tg.createTask(fetch("a"));
 *     tg.createTask(fetch("b"));
 * }));                                     // both are done here
 *
 * try (var tg = new TaskGroup()) {         // the try-with-resources form
 *     tg.createTask(fetch("a"));
 * }
 * }</pre>
 *
 * <p><b>Failure.</b> When a task of the group fails (with anything but {@link CancelledError}), the group cancels
 * its other tasks and the task that owns the group, waits until every task is done, and the block ends with an
 * {@link ExceptionGroup} of every failure, in the order they happened. A {@link VirtualMachineError} (out of memory,
 * stack overflow) is not wrapped: it ends the block as it is, as Python lets {@code KeyboardInterrupt} through.
 *
 * <p><b>Cancellation.</b> If the owner is cancelled from outside, the group cancels its tasks, waits for them, and the
 * {@link CancelledError} propagates; if a task failed meanwhile, the {@code ExceptionGroup} wins and the outside
 * cancellation stays pending ({@link Task#cancelling()} stays above zero, and the owner's next await throws
 * {@code CancelledError}): a task's failure is never lost.
 *
 * <p><b>The exact form</b> ({@link Asyncio#taskGroup(AsyncFunction)}) sees its block's exception, as Python's
 * {@code async with} does: an exception thrown by the block cancels the tasks and joins them, and joins the
 * {@code ExceptionGroup} with the tasks' failures; the block sees a cancellation caused by a failing task as a
 * {@code CancelledError} (its cleanup may await), and the {@code ExceptionGroup} is thrown when the block is left.
 *
 * <p><b>The try-with-resources form</b> cannot see the block's exception: Java does not tell {@link #close()}
 * whether the block threw. So: a failing task makes the owner's current await throw the group's
 * {@code ExceptionGroup} (not {@code CancelledError}), which leaves the block; failures that happen while the group
 * closes are thrown by {@code close()} (attached as suppressed if the block already threw); and <b>an exception thrown
 * by the block's own code does not cancel the group's tasks</b>: {@code close()} waits for them as if the block had
 * ended normally (unless a cancellation, a timeout or a failing task is pending, which it does see). Use the exact
 * form where the block may throw; a tool that sees the block's outcome can call {@link #closeAfter(Throwable)}.
 *
 * <p>A group belongs to the task that created it (the owner), which alone may close it; its tasks may create more
 * tasks in it while it runs. It is not reusable: once it is finished, {@code createTask} throws.
 */
public final class TaskGroup extends CancelScope implements AutoCloseable {
    private static final String MESSAGE = "unhandled errors in a TaskGroup";

    /** The owner; dropped once the group is left, as asyncio drops its reference, so that it can be collected. */
    private Task<?> parent;

    private final EventLoop loop;
    private final boolean exact;
    private final int cancellingAtEntry;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private boolean exiting;
    private boolean aborting;
    private boolean finished;
    private boolean parentCancelRequested;
    /**
     * The try-with-resources form: the group's error thrown at the owner's await, which keeps collecting the failures
     * that follow while it propagates, and how many failures it had when thrown (those after are also thrown by
     * {@code close()}, in case the block caught it).
     */
    private ExceptionGroup delivered;

    private int errorsDelivered;

    private AsyncFuture<Void> completed;

    /**
     * Creates a group owned by the current task, for try-with-resources. See the class comment for what this form
     * cannot do; prefer {@link Asyncio#taskGroup(AsyncConsumer)}.
     *
     * @throws IllegalStateException if not called inside a task
     */
    public TaskGroup() {
        this(false);
    }

    private TaskGroup(boolean exact) {
        this.parent = Task.currentOrFail(exact ? "await(taskGroup(...))" : "new TaskGroup()");
        this.loop = parent.loop;
        this.exact = exact;
        this.cancellingAtEntry = parent.cancelling();
        parent.scopes().enter(this);
    }

    /** Runs {@code body} with a new group of the current task, with Python's exit semantics. */
    static <T> T runExact(AsyncFunction<TaskGroup, T> body) {
        TaskGroup group = new TaskGroup(true);
        T value;
        try {
            value = body.apply(group);
        } catch (Throwable e) {
            Throwable out = group.exit(e);
            if (out == null) {
                return null;
            }
            throw Sneaky.rethrow(out);
        }
        Throwable out = group.exit(null);
        if (out != null) {
            throw Sneaky.rethrow(out);
        }
        return value;
    }

    /**
     * Creates a task in the group. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param awaitable a coroutine (or future) to run as a task
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable) {
        return createTask(awaitable, null, null);
    }

    /**
     * Creates a named task in the group. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param awaitable a coroutine (or future) to run as a task
     * @param name the task's name, or {@code null}
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable, String name) {
        return createTask(awaitable, name, null);
    }

    /**
     * Creates a task in the group (asyncio's {@code create_task(coro, name=, context=)}), through the loop's task
     * factory: its first step is scheduled with {@code callSoon}, or runs at once with an eager factory. Any task may
     * call this, the group's own tasks included, until the group has finished.
     *
     * @param awaitable a coroutine (or future) to run as a task
     * @param name the task's name, or {@code null}
     * @param context the context the task runs in, or {@code null} for a copy of the current one
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the group has finished, or is shutting down after a failure or a
     *     cancellation (a coroutine given then is closed, never run)
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable, String name, Context context) {
        if (finished || exiting && tasks.isEmpty()) {
            closeUnused(awaitable);
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            closeUnused(awaitable);
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(awaitable, name, context);
        // The callback is added even if an eager task is done already, so its failure cancels the owner as usual.
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        if (aborting && !task.isDone()) {
            task.cancel(); // an eager task failed while it was being created and aborted the group
        }
        return task;
    }

    private static void closeUnused(Awaitable<?> awaitable) {
        if (awaitable instanceof Coroutine<?> coro) {
            coro.close();
        }
    }

    /**
     * Creates a task from a body. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param body the body
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(AsyncSupplier<T> body) {
        return createTask(new Coroutine<>(null, body), null, null);
    }

    /**
     * Creates a named task from a body. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param body the body
     * @param name the task's name (also its coroutine's)
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(AsyncSupplier<T> body, String name) {
        return createTask(new Coroutine<>(name, body), name, null);
    }

    /**
     * Creates a named task from a body without result. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param body the body
     * @param name the task's name (also its coroutine's)
     * @return the task
     */
    public Task<Void> createTask(AsyncRunnable body, String name) {
        return createTask(Coroutine.of(name, body), name, null);
    }

    /**
     * Creates a task from a body without result. See {@link #createTask(Awaitable, String, Context)}.
     *
     * @param body the body
     * @return the task
     */
    public Task<Void> createTask(AsyncRunnable body) {
        return createTask(Coroutine.of(null, body), null, null);
    }

    private void onTaskDone(AsyncFuture<?> done) {
        Task<?> task = (Task<?>) done;
        tasks.remove(task);
        if (completed != null && tasks.isEmpty() && !completed.isDone()) {
            completed.setResult(null);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (delivered != null) {
            delivered.add(failure);
        }
        if (isBaseError(failure) && baseError == null) {
            baseError = failure;
        }
        if (parent.isDone()) {
            loop.callExceptionHandler(EventLoop.errorContext(
                    "Task " + task + " has errored out but its parent task " + parent + " is already completed",
                    failure,
                    "task",
                    task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel what the owner awaits in the block; the request is withdrawn when the group is left.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private static boolean isBaseError(Throwable failure) {
        return failure instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.isDone()) {
                task.cancel();
            }
        }
    }

    @Override
    boolean holdsCancel() {
        return parentCancelRequested && !finished;
    }

    @Override
    boolean converts(int remaining) {
        // Failures take priority over any cancellation; a try-with-resources group converts each failure once.
        return exact ? !errors.isEmpty() : errors.size() > errorsDelivered;
    }

    @Override
    boolean seesBlockOutcome() {
        return exact;
    }

    @Override
    RuntimeException replacementFor(CancelledError cancelled) {
        ExceptionGroup group = new ExceptionGroup(MESSAGE, errors);
        group.deliveredAtAwait = true;
        delivered = group;
        errorsDelivered = errors.size();
        return group;
    }

    @Override
    boolean interruptsAwaits() {
        return false;
    }

    /**
     * Waits until every task of the group is done, then leaves the group (the try-with-resources form). Must be
     * called by the owner. It does not know whether the block threw: it cancels the tasks first only if the owner has
     * a cancellation pending (from outside, from an expired timeout) or a task failed; otherwise it waits for them to
     * finish. While it waits, a cancellation of the owner cancels the tasks (and then propagates).
     *
     * @throws ExceptionGroup with the failures no await of the owner has thrown yet
     * @throws CancelledError if the owner was cancelled while closing and no task failed ({@link TimeoutError} if an
     *     enclosing try-with-resources timeout caused it)
     * @throws IllegalStateException if the group was already closed, or from another task than the owner, or on a
     *     group of the exact form
     */
    @Override
    public void close() {
        checkClosable();
        try {
            closeAndDecide();
        } finally {
            forgetErrors();
        }
    }

    private void closeAndDecide() {
        exiting = true;
        if (!aborting && parent.cancelling() > cancellingAtEntry + (parentCancelRequested ? 1 : 0)) {
            // A cancellation from outside (or an enclosing scope's) is pending or was thrown in the block: Python's
            // __aexit__ would see CancelledError and cancel the tasks.
            abort();
        }
        CancelledError cancelledWhileJoining = join();
        leave();
        if (baseError != null) {
            throw Sneaky.rethrow(withOthersReported(baseError));
        }
        if (parentCancelRequested) {
            parent.uncancel();
            parentCancelRequested = false;
        }
        if (!errors.isEmpty()) {
            keepOutsideCancellationPending(cancelledWhileJoining);
            if (errors.size() > errorsDelivered) {
                List<Throwable> fresh = errors.subList(errorsDelivered, errors.size());
                throw new ExceptionGroup(MESSAGE, fresh);
            }
            return;
        }
        if (cancelledWhileJoining != null) {
            // Now outside this group: an enclosing try-with-resources timeout that caused it claims it here.
            throw parent.translate(cancelledWhileJoining);
        }
    }

    /**
     * Leaves the group as Python's {@code __aexit__} does, knowing how the block ended: for tools that see the
     * block's outcome (a kernel that rewrites try-with-resources, say). With a {@code blockFailure}, the tasks are
     * cancelled; then the group waits for them and returns what the block should end with: the
     * {@link ExceptionGroup} of the tasks' failures (with {@code blockFailure} among them unless it is a
     * cancellation), the cancellation to propagate, or {@code null} if the block's outcome stands (a normal end, or
     * the group's own cancellation absorbed). Call it once, from the owner, instead of {@link #close()}.
     *
     * @param blockFailure the exception that ended the block, or {@code null}
     * @return the exception to throw instead, or {@code null}
     * @throws IllegalStateException if the group was already closed, or from another task than the owner
     */
    public Throwable closeAfter(Throwable blockFailure) {
        checkClosable();
        return exit(blockFailure);
    }

    private void checkClosable() {
        if (finished) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (exact) {
            throw new IllegalStateException("this TaskGroup belongs to await(taskGroup(...)), which leaves it");
        }
        if (Task.current() != parent) {
            throw new IllegalStateException("a TaskGroup must be closed by the task that created it");
        }
    }

    /** Python's {@code __aexit__}: returns the exception the block ends with, or {@code null}. */
    private Throwable exit(Throwable blockFailure) {
        try {
            return exitAndDecide(blockFailure);
        } finally {
            forgetErrors();
        }
    }

    /**
     * A group left behind (referenced by a variable that outlives the block) must not keep the exceptions it raised
     * alive, nor what they reference, as asyncio drops its references on exit.
     */
    private void forgetErrors() {
        errors.clear();
        delivered = null;
        baseError = null;
        errorsDelivered = 0;
        parent = null;
    }

    private Throwable exitAndDecide(Throwable blockFailure) {
        exiting = true;
        if (blockFailure != null && isBaseError(blockFailure) && baseError == null) {
            baseError = blockFailure;
        }
        boolean cancellation = TaskScopes.isCancellation(blockFailure);
        Throwable propagate = cancellation ? blockFailure : null;
        if (blockFailure != null && !aborting) {
            abort();
        }
        CancelledError pending = null;
        while (!tasks.isEmpty()) {
            CancelledError e = joinOnce();
            if (e != null) {
                pending = e;
                if (!aborting) {
                    propagate = e;
                    abort();
                }
            }
        }
        leave();
        if (baseError != null) {
            throw Sneaky.rethrow(withOthersReported(baseError));
        }
        if (parentCancelRequested) {
            if (parent.uncancel() == 0) {
                propagate = null;
            } else if (propagate == null) {
                propagate = pending; // the remaining cancellation is not ours: do not drop it
            }
            parentCancelRequested = false;
        }
        if (propagate != null && errors.isEmpty()) {
            return propagate;
        }
        if (blockFailure != null && !cancellation) {
            errors.add(blockFailure);
        }
        if (!errors.isEmpty()) {
            keepOutsideCancellationPending(pending != null ? pending : propagate);
            if (blockFailure instanceof GeneratorExit && errors.size() == 1) {
                return blockFailure; // an async generator closing with a group open ends as it should
            }
            return new ExceptionGroup(MESSAGE, errors);
        }
        return null;
    }

    /** Waits until no task is left; returns the last cancellation of the owner seen meanwhile, if any. */
    private CancelledError join() {
        CancelledError cancelled = null;
        while (!tasks.isEmpty()) {
            CancelledError e = joinOnce();
            if (e != null) {
                cancelled = e;
                if (!aborting) {
                    abort();
                }
            }
        }
        return cancelled;
    }

    /** One wait for the tasks; returns the owner's cancellation if it came meanwhile. */
    private CancelledError joinOnce() {
        if (completed == null) {
            completed = new AsyncFuture<>(loop) {
                @Override
                String awaitedDescription() {
                    return "TaskGroup (" + tasks.size() + " task" + (tasks.size() == 1 ? ")" : "s)");
                }
            };
        }
        try {
            parent.awaitFuture(completed, true);
            return null;
        } catch (CancelledError e) {
            return e;
        } finally {
            completed = null;
        }
    }

    private void leave() {
        finished = true;
        parent.scopes().exit(this);
    }

    /**
     * If the owner is being cancelled from outside, re-arms that cancellation (asyncio's uncancel-then-cancel) so that
     * the owner's next await throws it after the {@link ExceptionGroup} has been handled: neither is lost. The message
     * of the cancellation seen ({@code seen}) is kept.
     */
    private void keepOutsideCancellationPending(Throwable seen) {
        if (parent.cancelling() > 0) {
            parent.uncancel();
            parent.cancel(seen instanceof CancelledError c ? c.getMessage() : null);
        }
    }

    private Throwable withOthersReported(Throwable base) {
        for (Throwable other : errors) {
            if (other != base) {
                loop.callExceptionHandler(EventLoop.errorContext(
                        "TaskGroup task exception was not propagated because the TaskGroup body is being closed with"
                                + " a VirtualMachineError",
                        other,
                        "task_group",
                        this));
            }
        }
        return base;
    }

    /**
     * Returns the group's tasks that are not done yet.
     *
     * @return a new list of the pending tasks
     */
    public List<Task<?>> pendingTasks() {
        return new ArrayList<>(tasks);
    }

    @Override
    public String toString() {
        StringBuilder info = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            info.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            info.append(" errors=").append(errors.size());
        }
        if (aborting) {
            info.append(" cancelling");
        } else if (!finished) {
            info.append(" entered");
        }
        return info.append('>').toString();
    }
}
