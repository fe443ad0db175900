package org.javaasync.runtime;

/**
 * Makes the tasks of a loop (asyncio's task factory), installed with {@link EventLoop#setTaskFactory}: every task a
 * loop creates ({@code createTask}, {@code gather}, task groups, ...) comes from it. The runtime's one factory of note
 * is {@link Asyncio#eagerTaskFactory()}; a custom factory decides eagerness, names or contexts and builds the task
 * with {@link Task#create}.
 */
public interface TaskFactory {
    /**
     * Creates a task of {@code loop} running {@code coro}. Called on the loop's thread.
     *
     * @param loop the loop
     * @param coro the coroutine, not started yet
     * @param name the name asked for, or {@code null}
     * @param context the context asked for, or {@code null} for a copy of the current one
     * @param <T> the result type
     * @return the task
     */
    <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name, Context context);
}
