package org.javaasync.kernel.magic;

/**
 * A magic was misused or could not do its job (unknown name, bad arguments, a jar that does not exist). The cell
 * shows it as an ordinary {@code UsageError} output, as IPython does; the kernel carries on.
 */
public final class MagicException extends Exception {

    /** With a message that says what went wrong and what to do. */
    public MagicException(String message) {
        super(message);
    }

    /** With a message that says what went wrong and what to do, and the underlying failure. */
    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
