package org.javaasync.runtime;

/**
 * Thrown inside an {@link AsyncGenerator}'s body, at the {@code emit} where it is suspended, when the generator is
 * closed early (Python's {@code GeneratorExit}): it unwinds the body so that its {@code finally} blocks run. Let it
 * propagate; a body that catches it and emits again gets an {@link IllegalStateException}.
 */
public class GeneratorExit extends RuntimeException {
    /** Creates the exception (no stack trace: it is control flow, never a bug report). */
    public GeneratorExit() {
        super("async generator closed", null, false, false);
    }
}
