package org.javaasync.kernel.output;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.display.MimeBundle;

/**
 * What the display a cell leaves for its background tasks shows: everything those tasks wrote since the cell ended,
 * in arrival order (so the lines of one task keep their order), their rich displays in place, and a footer line.
 * Only the last {@link #LIMIT} characters are kept, after a "… earlier output truncated" line: every update re-sends
 * the whole display, so it must stay modest.
 *
 * <p>A plain model: no lock, no thread, no messages. Its owner, the cell's {@link CellOutput}, guards it and decides
 * when to publish a {@link #render() rendering}.
 */
final class BackgroundDisplay {

    /** Characters of output kept. */
    static final int LIMIT = 256 * 1024;

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

    private final ArrayDeque<Part> parts = new ArrayDeque<>();
    private long size;
    private boolean truncated;
    private String footer;

    BackgroundDisplay(String footer) {
        this.footer = footer;
    }

    /** Adds text a task wrote to {@code System.out} ({@code "stdout"}) or {@code System.err}. */
    void append(String name, String text) {
        Part last = parts.peekLast();
        if (last == null || !last.kind.equals(name)) {
            last = new Part(name);
            parts.add(last);
        }
        last.text.append(text);
        size += text.length();
        if (size > 2L * LIMIT) {
            trim(); // memory stays bounded between two updates of a task printing in a tight loop
        }
    }

    /** Whether a rich display shown here has the id {@code displayId}. */
    boolean shows(String displayId) {
        return displayId != null && part(displayId) != null;
    }

    /** Adds a rich display, or replaces in place the part shown earlier under the same {@code displayId}. */
    void display(MimeBundle bundle, String displayId) {
        Part part = part(displayId);
        if (part == null) {
            part = new Part("display");
            part.displayId = displayId;
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
    }

    private Part part(String displayId) {
        if (displayId == null) {
            return null;
        }
        for (Part p : parts) {
            if (displayId.equals(p.displayId)) {
                return p;
            }
        }
        return null;
    }

    /** Forgets what was written so far ({@code clearOutput} of a task): a progress loop that reprints stays small. */
    void clear() {
        parts.clear();
        size = 0;
        truncated = false;
    }

    /** Sets the footer line shown below the output; whether it changed. */
    boolean setFooter(String line) {
        if (line.equals(footer)) {
            return false;
        }
        footer = line;
        return true;
    }

    /** The display's content now, as {@code text/plain} and {@code text/html}. */
    MimeBundle render() {
        trim();
        return new MimeBundle(Map.of("text/plain", plainText(), "text/html", htmlText()), Map.of());
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

    private String plainText() {
        StringBuilder out = new StringBuilder((int) size + 200);
        if (truncated) {
            out.append(TRUNCATED);
        }
        for (Part part : parts) {
            out.append(part.text);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out.append(footer).toString();
    }

    private String htmlText() {
        StringBuilder out = new StringBuilder((int) (size * 11 / 10) + 300);
        out.append("<div class=\"javaasync-background\">");
        if (truncated) {
            out.append("<pre style=\"margin:0;color:#888\">")
                    .append(Html.escape(TRUNCATED))
                    .append("</pre>");
        }
        boolean inPre = false;
        for (Part part : parts) {
            if (part.html != null) {
                if (inPre) {
                    out.append("</pre>");
                    inPre = false;
                }
                out.append("<div>").append(part.html).append("</div>");
                continue;
            }
            if (!inPre) {
                out.append("<pre style=\"margin:0;white-space:pre-wrap\">");
                inPre = true;
            }
            if (part.kind.equals("stderr")) {
                out.append("<span style=\"color:#c00\">")
                        .append(Html.escape(part.text))
                        .append("</span>");
            } else {
                out.append(Html.escape(part.text));
            }
        }
        if (inPre) {
            out.append("</pre>");
        }
        out.append("<div style=\"color:#666;font-family:monospace\">")
                .append(Html.escape(footer))
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
        for (String image : List.of("image/png", "image/jpeg", "image/gif")) {
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
        return "<pre style=\"margin:0\">" + Html.escape(plain == null ? "" : plain.toString()) + "</pre>";
    }
}
