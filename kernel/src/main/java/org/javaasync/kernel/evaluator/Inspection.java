package org.javaasync.kernel.evaluator;

/** Documentation found at a cursor: plain text, and optionally HTML. {@code found} false means nothing there. */
public record Inspection(boolean found, String text, String html) {

    /** Nothing to show at the cursor. */
    public static Inspection none() {
        return new Inspection(false, "", null);
    }
}
