package org.javaasync.kernel.magic;

/** A Maven artifact could not be resolved; the message names it and says where the resolver looked. */
public final class ResolutionException extends Exception {

    /** With a message that names the artifact. */
    public ResolutionException(String message) {
        super(message);
    }

    /** With a message that names the artifact, and the underlying failure. */
    public ResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
