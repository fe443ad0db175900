package org.javaasync.kernel.display;

/**
 * A type that knows how to show itself in a notebook. Implement it in a cell and the kernel shows instances of the
 * type with {@link #toMimeBundle()} whenever they are a cell's result or passed to {@code display(...)}.
 */
public interface Renderable {

    /** This object's representations, e.g. {@code Display.html("<b>hi</b>")}. */
    MimeBundle toMimeBundle();
}
