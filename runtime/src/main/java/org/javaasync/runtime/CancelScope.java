package org.javaasync.runtime;

/**
 * A scope inside a task that may cancel the task for its own reasons: a {@link Timeout} whose deadline passed, a
 * {@link TaskGroup} whose task failed. The task asks its open scopes ({@link TaskScopes}) what a cancellation becomes
 * at an await, and whether an await must be interrupted.
 */
interface CancelScope {
    /** Whether this scope has cancelled the task and not withdrawn the request yet (it counts in cancelling()). */
    boolean holdsCancel();

    /**
     * Whether a cancellation leaving this scope becomes this scope's error, {@code remaining} being the requests left
     * once this scope and those inside it have withdrawn theirs (asyncio's {@code uncancel() <= cancelling at entry}).
     */
    boolean converts(int remaining);

    /** Whether the scope sees its block's exception (the lambda forms) and so converts at its own exit. */
    boolean seesBlockOutcome();

    /** The exception the await throws instead of {@code cancelled} (try-with-resources scopes). */
    RuntimeException replacementFor(CancelledError cancelled);

    /** Whether every await inside this scope must be interrupted (an expired try-with-resources timeout). */
    boolean interruptsAwaits();
}
