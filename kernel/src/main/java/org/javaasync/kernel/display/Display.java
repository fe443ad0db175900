package org.javaasync.kernel.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rich output from cells, imported statically into every kernel session: {@code display(chart)},
 * {@code display(html("<b>hi</b>"))}, {@code var id = display("working..."); updateDisplay(id, "done")}.
 *
 * <p>Everything goes to {@link Output#current()}, the sink of the cell (or task) that runs the call, so output lands
 * where the code that produced it was started.
 */
public final class Display {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The id {@link #display(MimeBundle)} returned last, compared by identity: see {@link #isDisplayId}. */
    private static volatile String lastId;

    private Display() {}

    /** Shows {@code value} as its renderer says ({@link Renderers}) and returns the display's id for updates. */
    public static String display(Object value) {
        return display(Renderers.render(value));
    }

    /**
     * Shows {@code data} as MIME type {@code mimeType} (e.g. {@code "text/html"}), with a {@code text/plain} part
     * derived from it for clients that cannot show that type; returns the display id.
     */
    public static String display(String data, String mimeType) {
        return display(MimeBundle.of(mimeType, data));
    }

    /**
     * Shows a ready bundle; returns the display id. A bundle without {@code text/plain} gets one derived from its
     * richest part (Markdown source, HTML as text, pretty JSON, an image's size), so that {@code jupyter console} and
     * text exports show something.
     */
    public static String display(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        lastId = id;
        Output.current().display(PlainText.ensure(bundle), id, false);
        return id;
    }

    /**
     * Whether {@code value} is the very id object the last {@code display} call returned. The kernel uses it so that
     * a cell ending in {@code display(x)} shows {@code x} once, not {@code x} and then its display id as the result.
     */
    public static boolean isDisplayId(Object value) {
        return value != null && value == lastId;
    }

    /** Replaces what the display {@code displayId} shows, wherever it is, with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        Output.current().display(Renderers.render(value), displayId, true);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Output.current().clearOutput(wait);
    }

    /** An HTML bundle; its {@code text/plain} part is the HTML's text (tags dropped, entities decoded). */
    public static MimeBundle html(String html) {
        return withText("text/html", html);
    }

    /** A Markdown bundle; its {@code text/plain} part is the Markdown source. */
    public static MimeBundle markdown(String markdown) {
        return withText("text/markdown", markdown);
    }

    /**
     * An SVG bundle; its {@code text/plain} part names the image, with its size and {@code <title>} when the SVG has
     * them: {@code <SVG image 400x300: Requests over time>}.
     */
    public static MimeBundle svg(String svg) {
        return withText("image/svg+xml", svg);
    }

    /**
     * A JSON bundle from a tree of maps, lists, strings, numbers, booleans and nulls, or from any object Jackson can
     * map (a record, a bean); its {@code text/plain} part is the JSON, indented.
     */
    public static MimeBundle json(Object tree) {
        Object content =
                tree instanceof Map<?, ?> || tree instanceof List<?> ? tree : JSON.convertValue(tree, Object.class);
        return withText("application/json", content);
    }

    /**
     * A JSON bundle from JSON text, shown indented as {@code text/plain}; throws {@link IllegalArgumentException} if
     * the text is not JSON.
     */
    public static MimeBundle jsonText(String json) {
        try {
            return withText("application/json", JSON.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static MimeBundle withText(String mimeType, Object content) {
        return PlainText.ensure(MimeBundle.of(mimeType, content));
    }
}
