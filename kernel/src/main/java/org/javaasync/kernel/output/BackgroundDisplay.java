package org.javaasync.kernel.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.protocol.WireMessage;

/**
 * The display a cell keeps while tasks it started outlive it: one {@code display_data} with a display id unique to
 * the cell, then {@code update_display_data}s of it carrying everything those tasks wrote since, and a footer line
 * (how many tasks still run, later a summary). Frontends stop listening to a cell at its {@code idle}, or show late
 * {@code stream}s in whichever cell runs next; an update of a display they already know lands in the right cell in
 * every client.
 *
 * <p>Text is kept in arrival order, so lines of one task keep their order; only the last {@link #LIMIT} characters
 * are kept, after a "… earlier output truncated" line. Updates are coalesced: at most one every
 * {@value #PERIOD_MILLIS} ms. {@code display(...)} calls of the tasks become parts of this display (a later update
 * of their own id replaces that part in place). Thread-safe.
 */
final class BackgroundDisplay {

    /** Characters of output kept; the display re-sends all of it on each update, so it must stay modest. */
    static final int LIMIT = 256 * 1024;

    static final long PERIOD_MILLIS = 75;
    static final String TRUNCATED = "… earlier output truncated\n";

    /** A piece of the display: text of one stream, or a rich display. */
    private static final class Part {
        final String kind; // "stdout", "stderr" or "display"
        final StringBuilder text = new StringBuilder();
        String html;
        String displayId;

        Part(String kind) {
            this.kind = kind;
        }

        int size() {
            return text.length() + (html == null ? 0 : html.length());
        }
    }

    private final WireMessage request;
    private final Supplier<WireMessage> parent;
    private final String displayId;
    private final Frontend frontend;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Consumer<BackgroundDisplay> beforeRender;
    private final ArrayDeque<Part> parts = new ArrayDeque<>();
    private long size;
    private boolean truncated;
    private String footer;
    private boolean scheduled;
    private boolean rendering;
    private long lastPublished;

    /**
     * @param beforeRender called (under this display's lock) before each update is built: the place to refresh the
     *                     footer from the live tasks, or to finish the display
     */
    BackgroundDisplay(
            WireMessage request,
            Supplier<WireMessage> parent,
            String displayId,
            String footer,
            Frontend frontend,
            ObjectMapper json,
            ScheduledExecutorService scheduler,
            Consumer<BackgroundDisplay> beforeRender) {
        this.parent = parent;
        this.json = json;
        this.request = request;
        this.displayId = displayId;
        this.footer = footer;
        this.frontend = frontend;
        this.scheduler = scheduler;
        this.beforeRender = beforeRender;
    }

    /** The display id, unique to the cell. */
    String displayId() {
        return displayId;
    }

    /** Publishes the display for the first time ({@code display_data}). */
    synchronized void open() {
        lastPublished = System.nanoTime();
        frontend.publish(request, "display_data", content(snapshot()));
    }

    /** Adds text a task wrote to {@code System.out} ({@code "stdout"}) or {@code System.err}. */
    synchronized void append(String name, String text) {
        Part last = parts.peekLast();
        if (last == null || !last.kind.equals(name)) {
            last = new Part(name);
            parts.add(last);
        }
        last.text.append(text);
        size += text.length();
        if (size > 2L * LIMIT) {
            trim(); // keep memory bounded between two updates of a task printing in a tight loop
        }
        changed();
    }

    /** Adds a rich display, or replaces the part shown earlier under {@code id} when {@code update} is set. */
    synchronized void display(MimeBundle bundle, String id, boolean update) {
        Part part = null;
        if (id != null) {
            for (Part p : parts) {
                if (id.equals(p.displayId)) {
                    part = p;
                }
            }
        }
        if (part == null) {
            if (update) {
                // An update of a display shown while the cell ran: the frontend knows that id, so it works as is.
                ObjectNode content = frontend.object();
                content.set("data", json.valueToTree(bundle.data()));
                content.putObject("metadata");
                content.putObject("transient").put("display_id", id);
                frontend.publish(parent.get(), "update_display_data", content);
                return;
            }
            part = new Part("display");
            part.displayId = id;
            parts.add(part);
        } else {
            size -= part.size();
            part.text.setLength(0);
        }
        Object plain = bundle.data().get("text/plain");
        part.text.append(
                plain != null
                        ? plain
                        : "[display: " + String.join(", ", bundle.data().keySet()) + "]");
        if (part.text.isEmpty() || part.text.charAt(part.text.length() - 1) != '\n') {
            part.text.append('\n');
        }
        part.html = html(bundle);
        size += part.size();
        changed();
    }

    /** Forgets what was written so far ({@code clearOutput} of a task): a progress loop that reprints stays small. */
    synchronized void clear() {
        parts.clear();
        size = 0;
        truncated = false;
        changed();
    }

    /** Sets the footer line shown below the output. */
    synchronized void setFooter(String line) {
        if (!line.equals(footer)) {
            footer = line;
            changed();
        }
    }

    /** Marks the display as changed: an update follows within {@value #PERIOD_MILLIS} ms. */
    synchronized void changed() {
        if (scheduled || rendering) {
            return; // an update is on its way and will carry this change
        }
        scheduled = true;
        long since = (System.nanoTime() - lastPublished) / 1_000_000;
        scheduler.schedule(this::publish, Math.max(0, PERIOD_MILLIS - since), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes an update now. The text is copied under the lock and rendered outside it, so that tasks writing
     * meanwhile wait microseconds, not the time it takes to render and send the whole display.
     */
    void publish() {
        synchronized (this) {
            rendering = true;
        }
        try {
            beforeRender.accept(this);
        } finally {
            synchronized (this) {
                rendering = false;
            }
        }
        Snapshot snapshot;
        synchronized (this) {
            scheduled = false;
            trim();
            snapshot = snapshot();
            lastPublished = System.nanoTime();
        }
        frontend.publish(parent.get(), "update_display_data", content(snapshot));
    }

    /** What the display shows at one moment, rendered without holding the lock. Parts: kind, text, html. */
    private record Snapshot(List<String[]> parts, boolean truncated, String footer, int size) {}

    private Snapshot snapshot() {
        List<String[]> copy = new ArrayList<>(parts.size());
        for (Part part : parts) {
            copy.add(new String[] {part.kind, part.text.toString(), part.html});
        }
        return new Snapshot(copy, truncated, footer, (int) size);
    }

    private ObjectNode content(Snapshot snapshot) {
        ObjectNode content = frontend.object();
        ObjectNode data = content.putObject("data");
        data.put("text/plain", plainText(snapshot));
        data.put("text/html", htmlText(snapshot));
        content.putObject("metadata");
        content.putObject("transient").put("display_id", displayId);
        return content;
    }

    /** Drops the oldest output, at a line break where possible, until at most {@link #LIMIT} characters remain. */
    private void trim() {
        while (size > LIMIT && !parts.isEmpty()) {
            Part first = parts.peekFirst();
            long excess = size - LIMIT;
            if (first.size() <= excess || first.html != null) {
                parts.removeFirst();
                size -= first.size();
            } else {
                int cut = (int) excess;
                int newline = first.text.indexOf("\n", cut);
                cut = newline >= 0 ? newline + 1 : cut;
                first.text.delete(0, cut);
                size -= cut;
            }
            truncated = true;
        }
    }

    private static String plainText(Snapshot s) {
        StringBuilder out = new StringBuilder(s.size() + 200);
        if (s.truncated()) {
            out.append(TRUNCATED);
        }
        for (String[] part : s.parts()) {
            out.append(part[1]);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out.append(s.footer()).toString();
    }

    private static String htmlText(Snapshot s) {
        StringBuilder out = new StringBuilder(s.size() * 11 / 10 + 300);
        out.append("<div class=\"javaasync-background\">");
        if (s.truncated()) {
            out.append("<pre style=\"margin:0;color:#888\">")
                    .append(escape(TRUNCATED))
                    .append("</pre>");
        }
        boolean inPre = false;
        for (String[] part : s.parts()) {
            if (part[2] != null) {
                if (inPre) {
                    out.append("</pre>");
                    inPre = false;
                }
                out.append("<div>").append(part[2]).append("</div>");
                continue;
            }
            if (!inPre) {
                out.append("<pre style=\"margin:0;white-space:pre-wrap\">");
                inPre = true;
            }
            if (part[0].equals("stderr")) {
                out.append("<span style=\"color:#c00\">")
                        .append(escape(part[1]))
                        .append("</span>");
            } else {
                out.append(escape(part[1]));
            }
        }
        if (inPre) {
            out.append("</pre>");
        }
        out.append("<div style=\"color:#666;font-family:monospace\">")
                .append(escape(s.footer()))
                .append("</div></div>");
        return out.toString();
    }

    /** A rich display as an HTML fragment: HTML as is, SVG inline, images as data URLs, else escaped text. */
    private static String html(MimeBundle bundle) {
        var data = bundle.data();
        if (data.get("text/html") instanceof String html) {
            return html;
        }
        if (data.get("image/svg+xml") instanceof String svg) {
            return svg;
        }
        for (String image : new String[] {"image/png", "image/jpeg", "image/gif"}) {
            Object value = data.get(image);
            if (value instanceof String base64) {
                return "<img src=\"data:" + image + ";base64," + base64.replace("\n", "") + "\">";
            }
            if (value instanceof byte[] bytes) {
                return "<img src=\"data:" + image + ";base64,"
                        + Base64.getEncoder().encodeToString(bytes) + "\">";
            }
        }
        Object plain = data.get("text/plain");
        return "<pre style=\"margin:0\">" + escape(plain == null ? "" : plain.toString()) + "</pre>";
    }

    static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
