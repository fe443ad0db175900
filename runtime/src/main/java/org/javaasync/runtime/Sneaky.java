package org.javaasync.runtime;

/**
 * Rethrows any throwable without wrapping, so that {@code await(task)} throws the task's own exception even when it is
 * checked, as Python's {@code await task} does.
 */
final class Sneaky {
    private Sneaky() {}

    static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>cast(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E cast(Throwable t) throws E {
        throw (E) t;
    }
}
