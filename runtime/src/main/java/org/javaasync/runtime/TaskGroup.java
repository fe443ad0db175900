package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structured concurrency (asyncio's {@code TaskGroup}): tasks created in the group are awaited when the block ends,
 * and the first failure cancels the others.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {
 *     var a = tg.createTask(fetch("a"));
 *     var b = tg.createTask(fetch("b"));
 * }   // both are done here
 * }</pre>
 *
 * <p><b>Failure.</b> When a task of the group fails (with anything but {@link CancelledError}), the group cancels
 * all its other tasks and the task that owns the group. That owner's current await, in the block, throws the group's
 * {@link ExceptionGroup}; {@link #close()} then waits until every task of the group is done and the same
 * {@code ExceptionGroup}, which collects every failure that happened meanwhile, leaves the block. If the owner is
 * already in {@code close()}, {@code close()} throws it. Failures are kept in the order they happened.
 *
 * <p><b>Cancellation.</b> If the owner is cancelled from outside while in the block or in {@code close()}, the group
 * cancels its tasks, waits for them, and the {@link CancelledError} propagates (unless some task failed: then the
 * {@code ExceptionGroup} wins, as in asyncio).
 *
 * <p><b>Differences from Python</b>, forced by try-with-resources, which hides the block's exception from
 * {@code close()}: an exception thrown by the block's own code (not by a task) does not cancel the group's tasks —
 * {@code close()} still waits for them, and their failures are attached to it as suppressed; and the failure is
 * delivered as {@code ExceptionGroup} at the owner's await rather than as {@code CancelledError} first. Code that
 * catches the group's {@code ExceptionGroup} inside the block has handled it.
 *
 * <p>A group must be created in a task, used by that task, and closed once; it is not reusable.
 */
public final class TaskGroup implements AutoCloseable, CancelScope {
    private final Task<?> parent;
    private final EventLoop loop;
    private final int cancellingAtEntry;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final ExceptionGroup errors = new ExceptionGroup("unhandled errors in a TaskGroup", List.of());
    private boolean exiting;
    private boolean aborting;
    private boolean finished;
    private boolean parentCancelRequested;
    private boolean errorsDelivered;
    private AsyncFuture<Void> allDone;

    /**
     * Creates a group owned by the current task.
     *
     * @throws IllegalStateException if not called inside a task
     */
    public TaskGroup() {
        this.parent = Task.currentOrFail("new TaskGroup()");
        this.loop = parent.loop;
        this.cancellingAtEntry = parent.cancelling();
        parent.enterScope(this);
    }

    /**
     * Creates a task in the group. See {@link #createTask(Awaitable, String)}.
     *
     * @param awaitable a coroutine (or future) to run as a task
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable) {
        return createTask(awaitable, null);
    }

    /**
     * Creates a named task in the group; its first step is scheduled with {@code callSoon}.
     *
     * @param awaitable a coroutine (or future) to run as a task
     * @param name the task's name, or {@code null}
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the group has finished, or is shutting down after a failure or a
     *     cancellation
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable, String name) {
        if (finished) {
            throw new IllegalStateException("TaskGroup is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup is shutting down");
        }
        Task<T> task = loop.createTask(awaitable, name);
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        return task;
    }

    /**
     * Creates a task from a body. See {@link #createTask(Awaitable, String)}.
     *
     * @param body the body
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(AsyncSupplier<T> body) {
        return createTask(new Coroutine<>(null, body), null);
    }

    /**
     * Creates a named task from a body. See {@link #createTask(Awaitable, String)}.
     *
     * @param body the body
     * @param name the task's name (also its coroutine's)
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(AsyncSupplier<T> body, String name) {
        return createTask(Asyncio.async(name, body), name);
    }

    /**
     * Creates a named task from a body without result. See {@link #createTask(Awaitable, String)}.
     *
     * @param body the body
     * @param name the task's name (also its coroutine's)
     * @return the task
     */
    public Task<Void> createTask(AsyncRunnable body, String name) {
        return createTask(Asyncio.async(name, body), name);
    }

    /**
     * Creates a task from a body without result. See {@link #createTask(Awaitable, String)}.
     *
     * @param body the body
     * @return the task
     */
    public Task<Void> createTask(AsyncRunnable body) {
        return createTask(Asyncio.async(body), null);
    }

    private void onTaskDone(AsyncFuture<?> done) {
        Task<?> task = (Task<?>) done;
        tasks.remove(task);
        if (exiting && tasks.isEmpty() && allDone != null && !allDone.isDone()) {
            allDone.setResult(null);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (!aborting) {
            abort();
        }
        if (!parentCancelRequested && !parent.isDone()) {
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            task.cancel();
        }
    }

    @Override
    public boolean requestedCancel() {
        return parentCancelRequested;
    }

    @Override
    public RuntimeException replacementFor(CancelledError cancelled) {
        if (exiting) {
            return cancelled;
        }
        errorsDelivered = true;
        return errors;
    }

    /**
     * Waits until every task of the group is done, then leaves the group. Must be called by the owning task.
     *
     * @throws ExceptionGroup if tasks of the group failed and their failures have not been thrown at an await yet
     * @throws CancelledError if the owner was cancelled from outside and no task failed
     * @throws IllegalStateException if called twice or from another task than the owner
     */
    @Override
    public void close() {
        if (finished) {
            throw new IllegalStateException("TaskGroup is finished");
        }
        if (Task.current() != parent) {
            throw new IllegalStateException("a TaskGroup must be closed by the task that created it");
        }
        exiting = true;
        CancelledError propagate = null;
        if (!aborting && parent.cancelling() > cancellingAtEntry + (parentCancelRequested ? 1 : 0)) {
            // The block was most likely left by a cancellation from outside: stop the tasks instead of waiting.
            abort();
        }
        while (!tasks.isEmpty()) {
            allDone = loop.createFuture();
            try {
                parent.awaitFuture(allDone, false);
            } catch (CancelledError e) {
                propagate = e;
                if (!aborting) {
                    abort();
                }
            }
        }
        finished = true;
        parent.exitScope(this);
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagate = null;
        }
        if (!errors.exceptions().isEmpty()) {
            if (!errorsDelivered) {
                throw errors;
            }
            return;
        }
        if (propagate != null) {
            // Now outside this group: an enclosing scope that caused the cancellation (an expired timeout) turns it
            // into its own error, as it would have at an await.
            throw parent.translate(propagate);
        }
    }

    /**
     * Returns the group's tasks that are not done yet.
     *
     * @return a new list of the pending tasks
     */
    public List<Task<?>> pendingTasks() {
        return new ArrayList<>(tasks);
    }
}
