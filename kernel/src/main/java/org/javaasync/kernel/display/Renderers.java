package org.javaasync.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.javaasync.kernel.trace.JShellNames;

/**
 * The registry that turns objects into MIME bundles, for cell results and {@code display(...)}. Every bundle it
 * returns has a {@code text/plain} part.
 *
 * <p>Lookup: among the registered types the object is an instance of, the most specific one wins (a renderer for
 * {@code ArrayList} beats one for {@code List}, which beats one for {@code Object}); between unrelated candidates
 * (two interfaces the object implements) the one registered last wins, so a user's registration overrides a
 * built-in. Built-ins: {@link MimeBundle} as itself, {@link Renderable} through its own method, {@link RenderedImage}
 * (so {@code BufferedImage}) as {@code image/png}, and anything else as {@code text/plain} the way JShell shows
 * values (strings quoted, arrays listed).
 */
public final class Renderers {

    private record Entry<T>(Class<T> type, Function<? super T, MimeBundle> renderer) {
        MimeBundle apply(Object value) {
            return renderer.apply(type.cast(value));
        }
    }

    private static final List<Entry<?>> ENTRIES = new CopyOnWriteArrayList<>();

    static {
        register(MimeBundle.class, bundle -> bundle);
        register(Renderable.class, Renderable::toMimeBundle);
        register(RenderedImage.class, Renderers::png);
    }

    private Renderers() {}

    /** Renders instances of {@code type} with {@code renderer} from now on, replacing an earlier one for the type. */
    public static <T> void register(Class<T> type, Function<? super T, MimeBundle> renderer) {
        ENTRIES.removeIf(e -> e.type() == type);
        ENTRIES.add(new Entry<>(type, renderer));
    }

    /** Forgets the renderer of exactly {@code type}; built-ins can be removed too. */
    public static void unregister(Class<?> type) {
        ENTRIES.removeIf(e -> e.type() == type);
    }

    /**
     * The bundle for {@code value}. Every bundle carries {@code text/plain} (the protocol's fallback): the renderer's
     * own if it gave one; otherwise the value's plain text when its class has a {@code toString} of its own, and
     * the plain text of the bundle's richest part when it has not ({@link PlainText}).
     */
    public static MimeBundle render(Object value) {
        Entry<?> best = value == null ? null : mostSpecific(value);
        if (best == null) {
            return MimeBundle.of("text/plain", plainText(value));
        }
        MimeBundle bundle = best.apply(value);
        if (bundle.data().containsKey("text/plain")) {
            return bundle;
        }
        if (value instanceof MimeBundle || !hasOwnToString(value)) {
            return PlainText.ensure(bundle); // the value has no text of its own: read the rich part
        }
        Map<String, Object> data = new LinkedHashMap<>(bundle.data());
        data.put("text/plain", plainText(value));
        return new MimeBundle(Map.copyOf(data), bundle.metadata());
    }

    /** Whether {@code value}'s class says more in {@code toString} than {@code Object}'s {@code Name@1b6d3586}. */
    private static boolean hasOwnToString(Object value) {
        try {
            return value.getClass().getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The last registered of the matching entries that no other matching entry is more specific than. */
    private static Entry<?> mostSpecific(Object value) {
        List<Entry<?>> matching =
                ENTRIES.stream().filter(e -> e.type().isInstance(value)).toList();
        Entry<?> best = null;
        for (Entry<?> candidate : matching) {
            boolean shadowed = matching.stream()
                    .anyMatch(other -> other != candidate && candidate.type().isAssignableFrom(other.type()));
            if (!shadowed) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The value as JShell shows it: {@code "text"} quoted, {@code 'c'}, arrays as {@code int[2] { 1, 2 }}, other
     * objects by their {@code toString()} with the names the user wrote: {@code Point@1b6d3586}, not
     * {@code REPL.$JShell$20$Point@1b6d3586}; {@code <lambda>@6bb2d00b} for a lambda ({@link JShellNames}).
     */
    public static String plainText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return quote(text.toString(), '"');
        }
        if (value instanceof Character c) {
            return quote(c.toString(), '\'');
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                items.add(plainText(Array.get(value, i)));
            }
            String type = value.getClass().getComponentType().getSimpleName();
            return JShellNames.scrub(type) + "[" + length + "] { " + String.join(", ", items) + " }";
        }
        return JShellNames.scrub(String.valueOf(value));
    }

    private static String quote(String text, char quote) {
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }

    /** An image as a base64 PNG, with its size as metadata so frontends lay it out before decoding. */
    private static MimeBundle png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String data = Base64.getEncoder().encodeToString(bytes.toByteArray());
        Map<String, Object> size = Map.of("width", image.getWidth(), "height", image.getHeight());
        return new MimeBundle(
                Map.of("image/png", data, "text/plain", PlainText.of("image/png", data, size)),
                Map.of("image/png", size));
    }
}
