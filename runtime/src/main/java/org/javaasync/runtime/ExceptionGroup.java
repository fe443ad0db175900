package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The failures of several tasks at once, as raised by a {@link TaskGroup} (Python's {@code ExceptionGroup}). Each
 * failure is also attached as a {@linkplain Throwable#getSuppressed() suppressed exception} so that stack traces show
 * all of them.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The message without the count of sub-exceptions. */
    private final String title;
    /** The failures, in the order they happened. */
    private final ArrayList<Throwable> exceptions = new ArrayList<>();
    /**
     * Whether a try-with-resources task group threw this at its owner's await (a flag, not the group: a failure kept
     * for a report at collection must not hold the group's tasks, or they would never be freed).
     */
    transient boolean deliveredAtAwait;

    /**
     * Creates a group.
     *
     * @param message what failed, for example "unhandled errors in a TaskGroup"
     * @param exceptions the failures, in the order they happened
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message, null, true, true);
        this.title = message;
        exceptions.forEach(this::add);
    }

    /** Adds a failure, also as suppressed so that the stack trace shows it. */
    final void add(Throwable exception) {
        exceptions.add(exception);
        addSuppressed(exception);
    }

    /**
     * Returns the failures in the order they happened.
     *
     * @return an unmodifiable list of the failures
     */
    public List<Throwable> exceptions() {
        return Collections.unmodifiableList(exceptions);
    }

    @Override
    public String getMessage() {
        int n = exceptions.size();
        return title + " (" + n + " sub-exception" + (n == 1 ? ")" : "s)");
    }
}
