package org.javaasync.runtime;

import java.util.ArrayList;

/**
 * The cancel scopes open in one task ({@link Timeout}s and {@link TaskGroup}s, innermost last), and what the task
 * needs from them at an await: which error a cancellation becomes, and whether an await must be interrupted.
 * Allocated on a task's first scope: most tasks never open one.
 *
 * <p>Python converts a cancellation when it leaves a scope ({@code __aexit__}), innermost first: each scope withdraws
 * its own cancel request and converts if no request is left that predates it. A scope used with try-with-resources
 * cannot replace an exception in flight, so for those the conversion is worked out at the await, by playing the same
 * exits in advance ({@link #errorFor}). A scope that sees its block's exception (the lambda forms) converts at its
 * exit, exactly as Python does; the await then throws the plain {@link CancelledError}.
 */
final class TaskScopes {
    private final ArrayList<CancelScope> open = new ArrayList<>(2);
    /** Runtime cleanup in progress (joining a group, closing a resource): level-triggered interrupts wait. */
    private int cleanups;

    /**
     * Whether {@code failure} is a cancellation of the task: a {@link CancelledError}, or what a try-with-resources
     * scope turned one into at an await (its {@link TimeoutError} or {@link ExceptionGroup}).
     */
    static boolean isCancellation(Throwable failure) {
        return failure instanceof CancelledError
                || failure instanceof TimeoutError t && t.scope != null
                || failure instanceof ExceptionGroup g && g.deliveredAtAwait;
    }

    void enter(CancelScope scope) {
        open.add(scope);
    }

    void exit(CancelScope scope) {
        open.remove(scope);
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** Whether {@code scope} is open and not the innermost one of {@code outer}'s side: it encloses {@code inner}. */
    boolean encloses(CancelScope outer, CancelScope inner) {
        int o = open.indexOf(outer);
        int i = open.indexOf(inner);
        return o >= 0 && (i < 0 || o < i);
    }

    /**
     * What a cancellation delivered at an await becomes: Python's scope exits played innermost first, with
     * {@code cancelling} the task's count of pending requests. The first scope that would convert decides: a
     * try-with-resources scope's own error ({@link TimeoutError}, {@link ExceptionGroup}), or the plain
     * {@code cancelled} when that scope converts at its own exit.
     */
    RuntimeException errorFor(CancelledError cancelled, int cancelling) {
        int remaining = cancelling;
        for (int i = open.size() - 1; i >= 0; i--) {
            CancelScope scope = open.get(i);
            if (scope.holdsCancel()) {
                remaining--;
            }
            if (scope.converts(remaining)) {
                return scope.seesBlockOutcome() ? cancelled : scope.replacementFor(cancelled);
            }
        }
        return cancelled;
    }

    /**
     * Whether an await must be interrupted although no cancellation is pending: a try-with-resources timeout whose
     * deadline passed keeps its block interrupted until the block is left, unless the runtime is cleaning up.
     */
    boolean interruptsAwaits() {
        return interruptingScope() != null;
    }

    /** The outermost scope that interrupts awaits now, or {@code null}. */
    CancelScope interruptingScope() {
        if (cleanups > 0) {
            return null;
        }
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).interruptsAwaits()) {
                return open.get(i);
            }
        }
        return null;
    }

    void cleanupStarted() {
        cleanups++;
    }

    void cleanupFinished() {
        cleanups--;
    }
}
