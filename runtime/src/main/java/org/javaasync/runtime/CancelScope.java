package org.javaasync.runtime;

/**
 * A scope inside a task that may cancel the task for its own reasons: a {@link Timeout} that expired, a
 * {@link TaskGroup} whose child failed. The task asks its scopes, when a {@link CancelledError} reaches an await,
 * whether the cancellation is theirs, and lets the outermost owner replace it (with a {@link TimeoutError}, an
 * {@link ExceptionGroup}).
 */
interface CancelScope {
    /** Whether this scope has cancelled the task and not yet withdrawn the request. */
    boolean requestedCancel();

    /** The exception the task's await throws instead of {@code cancelled}. */
    RuntimeException replacementFor(CancelledError cancelled);
}
