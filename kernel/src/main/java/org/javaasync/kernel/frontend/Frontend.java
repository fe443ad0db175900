package org.javaasync.kernel.frontend;

import org.javaasync.kernel.display.MimeBundle;

/**
 * What the kernel's services and output plumbing may do to the connected frontends, message by message, each
 * under the {@link Parent} of the request it belongs to. The protocol layer implements it; nothing below the
 * protocol sees a wire message or JSON.
 *
 * <p>Every method is safe from any thread and returns at once: messages are queued for the sockets, never sent
 * while the caller waits on the network. Messages of one caller keep their order. Only {@link #requestInput} waits,
 * for the user's answer.
 */
public interface Frontend {

    /** Text the cell wrote to {@code System.out} ({@code name} {@code "stdout"}) or {@code System.err}. */
    void stream(Parent parent, String name, String text);

    /** A rich output ({@code display_data}); {@code displayId}, when not {@code null}, lets later updates find it. */
    void display(Parent parent, MimeBundle bundle, String displayId);

    /** Replaces, wherever it is shown, the display published earlier under {@code displayId}. */
    void updateDisplay(Parent parent, MimeBundle bundle, String displayId);

    /** Clears the output of the request's cell; with {@code wait}, only when the next output arrives. */
    void clearOutput(Parent parent, boolean wait);

    /** The value of the cell's last expression ({@code execute_result}, shown as {@code Out[executionCount]}). */
    void executeResult(Parent parent, int executionCount, MimeBundle bundle);

    /** An error the cell ends with. */
    void error(Parent parent, ErrorReport error);

    /**
     * Asks the frontend of {@code parent}'s request for a line of input and waits for it.
     *
     * @throws InterruptedException when the cell is interrupted while waiting, or the request is withdrawn
     */
    String requestInput(Parent parent, String prompt, boolean password) throws InterruptedException;
}
