package org.javaasync.kernel.maven;

/**
 * A Maven artifact could not be resolved, a coordinate or repository was refused, or the Maven settings could not be
 * read. The message names the coordinate (or the setting) and says where the resolver looked.
 */
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
