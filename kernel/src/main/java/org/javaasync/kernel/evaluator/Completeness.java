package org.javaasync.kernel.evaluator;

/** An {@code is_complete_reply}: status is complete, incomplete (with the indent to use), invalid or unknown. */
public record Completeness(Status status, String indent) {

    /** The protocol's four answers. */
    public enum Status {
        COMPLETE,
        INCOMPLETE,
        INVALID,
        UNKNOWN
    }
}
