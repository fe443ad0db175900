package org.javaasync.runtime;

import java.util.Map;

/**
 * Receives the errors that an event loop cannot hand to any caller (asyncio's exception handler): an exception that
 * escaped a callback, a task or future whose exception nobody retrieved, a failure while shutting down. Install one
 * with {@link EventLoop#setExceptionHandler}; without one, {@link EventLoop#defaultExceptionHandler} writes the
 * report to the loop's reporter.
 *
 * <p>The context map has asyncio's keys: {@code "message"} (a {@code String}, always present), {@code "exception"}
 * (a {@link Throwable}), {@code "future"} (the {@link AsyncFuture}; for a report made after the future was garbage
 * collected, its description as a {@code String}), {@code "task"} (the {@link Task}), {@code "handle"} (the
 * {@link Handle} of a callback), {@code "asyncgen"} (an {@link AsyncGenerator}), {@code "context"} (the
 * {@link Context} of the task or callback concerned), {@code "source_traceback"} (where the object concerned was
 * created, a {@code StackTraceElement[]}, most recent call first; debug mode). Reports of collected objects (see
 * {@link CollectionReports}) add {@code "task_name"} (a collected task's name) and {@code "coroutine"} (the
 * description of a coroutine that was never awaited: {@code "coroutine 'fetch' was never awaited"} is a report too).
 * Only {@code "message"} is guaranteed.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles one report. Called on the loop's thread, except for reports of collected objects, which are made on
     * the runtime's {@code javaasync-collection-reports} thread or on the thread that calls
     * {@link CollectionReports#reportCollected()}; when the report names a task, a future, a coroutine or a callback
     * handle, the handler runs in that object's {@link Context}, so {@link ContextVar#get()} reads its values (a
     * kernel finds the cell that started the work this way). An exception the handler throws is reported by
     * {@link EventLoop#defaultExceptionHandler} ("Unhandled error in exception handler") and goes no further.
     *
     * @param loop the loop that reports
     * @param context what happened, keyed as described in the interface comment; read-only
     */
    void handle(EventLoop loop, Map<String, Object> context);
}
