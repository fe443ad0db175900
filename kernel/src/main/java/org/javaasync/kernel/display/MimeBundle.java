package org.javaasync.kernel.display;

import java.util.Map;

/**
 * A Jupyter MIME bundle: {@code data} maps a MIME type to its content (a String, or for JSON types a
 * {@code Map}/{@code List} tree), {@code metadata} maps a MIME type to its metadata.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {

    /** A bundle holding one representation. */
    public static MimeBundle of(String mimeType, Object content) {
        return new MimeBundle(Map.of(mimeType, content), Map.of());
    }
}
