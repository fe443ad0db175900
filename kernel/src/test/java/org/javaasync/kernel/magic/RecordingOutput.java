package org.javaasync.kernel.magic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.OutputSink;

/** A test double of a cell's output: remembers stream text and displays. */
final class RecordingOutput implements OutputSink {

    final StringBuffer stdout = new StringBuffer();
    final List<MimeBundle> displays = new CopyOnWriteArrayList<>();
    /** For each display: its id and whether it was an update, as "id update" / "id new". */
    final List<String> displayKinds = new CopyOnWriteArrayList<>();

    @Override
    public void stream(String name, String text) {
        stdout.append(text);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        displays.add(bundle);
        displayKinds.add(displayId + (update ? " update" : " new"));
    }

    @Override
    public void clearOutput(boolean wait) {}
}
