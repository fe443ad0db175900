package org.javaasync.kernel.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.frontend.Parent;

/** A frontend that records every message the kernel sends it, in order, for tests. */
public final class RecordingFrontend implements Frontend {

    /** One message: its type, its parent and whichever fields that type has. */
    public record Sent(
            String type,
            Parent parent,
            String name,
            String text,
            MimeBundle bundle,
            String displayId,
            ErrorReport error,
            int executionCount) {

        /** The {@code text/plain} of a display, update or result. */
        public String plain() {
            return bundle == null ? null : (String) bundle.data().get("text/plain");
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile String input = "typed";

    /** Everything sent so far. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The types of everything sent so far, in order. */
    public List<String> types() {
        return sent.stream().map(Sent::type).toList();
    }

    /** The messages of one type, in order. */
    public List<Sent> ofType(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).toList();
    }

    /** All text sent on the stream {@code name}, joined. */
    public String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (Sent s : ofType("stream")) {
            if (s.name().equals(name)) {
                text.append(s.text());
            }
        }
        return text.toString();
    }

    /** The last message of a type, or {@code null}. */
    public Sent last(String type) {
        List<Sent> of = ofType(type);
        return of.isEmpty() ? null : of.getLast();
    }

    /** Forgets what was recorded. */
    public void clear() {
        sent.clear();
    }

    /** What {@link #requestInput} answers. */
    public void answerInputWith(String line) {
        input = line;
    }

    @Override
    public void stream(Parent parent, String name, String text) {
        sent.add(new Sent("stream", parent, name, text, null, null, null, 0));
    }

    @Override
    public void display(Parent parent, MimeBundle bundle, String displayId) {
        sent.add(new Sent("display_data", parent, null, null, bundle, displayId, null, 0));
    }

    @Override
    public void updateDisplay(Parent parent, MimeBundle bundle, String displayId) {
        sent.add(new Sent("update_display_data", parent, null, null, bundle, displayId, null, 0));
    }

    @Override
    public void clearOutput(Parent parent, boolean wait) {
        sent.add(new Sent("clear_output", parent, null, null, null, null, null, 0));
    }

    @Override
    public void executeResult(Parent parent, int executionCount, MimeBundle bundle) {
        sent.add(new Sent("execute_result", parent, null, null, bundle, null, null, executionCount));
    }

    @Override
    public void error(Parent parent, ErrorReport error) {
        sent.add(new Sent("error", parent, null, null, null, null, error, 0));
    }

    @Override
    public String requestInput(Parent parent, String prompt, boolean password) {
        sent.add(new Sent("input_request", parent, null, prompt, null, null, null, 0));
        return input;
    }
}
