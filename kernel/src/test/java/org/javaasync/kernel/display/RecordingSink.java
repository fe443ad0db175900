package org.javaasync.kernel.display;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test double of the protocol layer's sink: remembers every call. */
final class RecordingSink implements OutputSink {

    /** One display call. */
    record Shown(MimeBundle bundle, String displayId, boolean update) {}

    final List<String> streams = new CopyOnWriteArrayList<>();
    final List<Shown> displays = new CopyOnWriteArrayList<>();
    final List<Boolean> clears = new CopyOnWriteArrayList<>();

    @Override
    public void stream(String name, String text) {
        streams.add(name + ":" + text);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        displays.add(new Shown(bundle, displayId, update));
    }

    @Override
    public void clearOutput(boolean wait) {
        clears.add(wait);
    }
}
