package org.javaasync.kernel.display;

/**
 * Where user output goes. In the kernel, the output router implements it and hands each call to the output of the
 * cell that produced it; {@link Output#fallback()} prints to the console. Implementations are thread-safe: tasks on
 * the loop and plain threads write at once.
 */
public interface OutputSink {

    /** Text written to {@code System.out} ({@code "stdout"}) or {@code System.err} ({@code "stderr"}). */
    void stream(String name, String text);

    /**
     * A rich display. {@code displayId} may be {@code null}; with {@code update} true it replaces the outputs
     * shown earlier under that id ({@code update_display_data}) instead of adding one ({@code display_data}).
     */
    void display(MimeBundle bundle, String displayId, boolean update);

    /** Clears the cell's output; with {@code wait} true, only when new output arrives. */
    void clearOutput(boolean wait);
}
