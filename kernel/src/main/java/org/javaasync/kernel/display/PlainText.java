package org.javaasync.kernel.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code text/plain} part of a display, which every display carries: {@code jupyter console}, text exports and
 * any client that cannot show the rich part print it. Derived from the richest part a bundle has, in this order:
 * Markdown (its source), HTML (read as text, {@link HtmlText}), JSON (pretty-printed), LaTeX (its source), SVG
 * ({@code <SVG image 400x300: title>}, from its size and {@code <title>}), other images ({@code <PNG image
 * 640x480>}, from the bundle's metadata), anything else ({@code <application/vnd.x output>}).
 */
final class PlainText {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> PREFERENCE = List.of(
            "text/markdown",
            "text/html",
            "application/json",
            "text/latex",
            "image/svg+xml",
            "image/png",
            "image/jpeg",
            "image/gif");
    private static final Pattern SVG_ROOT = Pattern.compile("(?is)<svg\\b([^>]*)>");
    private static final Pattern SVG_TITLE = Pattern.compile("(?is)<title\\b[^>]*>(.*?)</title\\s*>");
    private static final Pattern VIEW_BOX = Pattern.compile(
            "(?i)\\bviewBox\\s*=\\s*[\"']\\s*[-\\d.]+[\\s,]+[-\\d.]+[\\s,]+([\\d.]+)[\\s,]+([\\d.]+)\\s*[\"']");

    private PlainText() {}

    /** {@code bundle} with a {@code text/plain} part: its own if it has one, else one derived from its richest part. */
    static MimeBundle ensure(MimeBundle bundle) {
        if (bundle.data().containsKey("text/plain")) {
            return bundle;
        }
        Map<String, Object> data = new LinkedHashMap<>(bundle.data());
        data.put("text/plain", of(bundle));
        return new MimeBundle(Map.copyOf(data), bundle.metadata());
    }

    /** The plain text of {@code bundle}'s richest part (its own {@code text/plain} if it has one). */
    static String of(MimeBundle bundle) {
        Object own = bundle.data().get("text/plain");
        if (own != null) {
            return String.valueOf(own);
        }
        for (String type : PREFERENCE) {
            if (bundle.data().containsKey(type)) {
                return of(type, bundle.data().get(type), bundle.metadata().get(type));
            }
        }
        return bundle.data().keySet().stream()
                .sorted()
                .findFirst()
                .map(type -> of(type, bundle.data().get(type), null))
                .orElse("");
    }

    /** The plain text of one representation; {@code metadata} is that type's metadata, if any. */
    static String of(String mimeType, Object content, Object metadata) {
        String type = mimeType.toLowerCase();
        if (type.equals("text/plain") || type.equals("text/markdown") || type.equals("text/latex")) {
            return String.valueOf(content);
        }
        if (type.equals("text/html")) {
            return HtmlText.of(String.valueOf(content));
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return json(content);
        }
        if (type.equals("image/svg+xml")) {
            return svg(String.valueOf(content));
        }
        if (type.startsWith("image/")) {
            String format = type.substring("image/".length()).toUpperCase();
            return "<" + format + " image" + size(metadata) + ">";
        }
        return "<" + mimeType + " output>";
    }

    private static String json(Object content) {
        try {
            return content instanceof String text
                    ? JSON.writeValueAsString(JSON.readTree(text))
                    : JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            return String.valueOf(content);
        }
    }

    /** {@code <SVG image 400x300: title>}, with what the SVG says of its size and title. */
    private static String svg(String svg) {
        StringBuilder text = new StringBuilder("<SVG image");
        Matcher root = SVG_ROOT.matcher(svg);
        if (root.find()) {
            String attributes = root.group(1);
            String width = attribute(attributes, "width");
            String height = attribute(attributes, "height");
            Matcher viewBox = VIEW_BOX.matcher(attributes);
            if (width != null && height != null) {
                text.append(' ').append(width).append('x').append(height);
            } else if (viewBox.find()) {
                text.append(' ').append(number(viewBox.group(1))).append('x').append(number(viewBox.group(2)));
            }
        }
        Matcher title = SVG_TITLE.matcher(svg);
        if (title.find()) {
            String words = HtmlText.of(title.group(1)).replaceAll("\\s+", " ").strip();
            if (!words.isEmpty()) {
                text.append(": ").append(words);
            }
        }
        return text.append('>').toString();
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?i)(?:^|\\s)" + name + "\\s*=\\s*[\"']\\s*([\\d.]+)(?:px)?\\s*[\"']")
                .matcher(attributes);
        return m.find() ? number(m.group(1)) : null;
    }

    private static String number(String value) {
        return value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
    }

    /** " 640x480" from image metadata holding {@code width} and {@code height}; empty otherwise. */
    private static String size(Object metadata) {
        if (metadata instanceof Map<?, ?> map && map.get("width") != null && map.get("height") != null) {
            return " " + map.get("width") + "x" + map.get("height");
        }
        return "";
    }
}
