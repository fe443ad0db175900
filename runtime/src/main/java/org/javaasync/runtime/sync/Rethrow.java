package org.javaasync.runtime.sync;

/**
 * Rethrows any throwable unchanged, without wrapping: the runtime's {@code await} rethrows the awaited exception
 * itself.
 */
final class Rethrow {
    private Rethrow() {}

    /** Throws {@code t} as is; declared to return so that callers can write {@code throw Rethrow.unchecked(t)}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException unchecked(Throwable t) throws E {
        throw (E) t;
    }
}
