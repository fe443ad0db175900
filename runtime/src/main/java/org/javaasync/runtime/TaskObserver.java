package org.javaasync.runtime;

/**
 * Watches the life of a loop's tasks, for tools that show concurrency: the kernel's {@code %tasks} listing, the
 * timeline of a cell, the routing of a task's output to the cell that started it. Install one with
 * {@link EventLoop#setTaskObserver}.
 *
 * <p>Every method is called on the loop's side — the loop thread, or the thread of the task running on it — so at
 * most one call runs at a time. Implementations must be quick and must not throw: they run on the hot path of every
 * switch between tasks.
 */
public interface TaskObserver {

    /**
     * {@code task} was created. {@code parent} is the task whose body created it, or {@code null} when it was created
     * from a plain callback or from outside any task; it is the place to attach context that children inherit.
     */
    default void taskCreated(Task<?> task, Task<?> parent) {}

    /** {@code task} starts running a step: its first, or the one after an {@code await} or a blocking call. */
    default void taskResumed(Task<?> task) {}

    /** {@code task} stopped running a step: it awaits, is blocked in a JDK call, or has just finished. */
    default void taskSuspended(Task<?> task) {}

    /** {@code task} is done: it returned, failed or was cancelled. */
    default void taskDone(Task<?> task) {}
}
