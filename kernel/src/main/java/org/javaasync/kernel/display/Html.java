package org.javaasync.kernel.display;

/** HTML text for the kernel's rich outputs: the one escape that every HTML and SVG the kernel builds goes through. */
public final class Html {

    private Html() {}

    /**
     * {@code text} safe inside an HTML or SVG element or a double-quoted attribute: {@code <}, {@code >}, {@code &}
     * and {@code "} become entities; everything else is kept as it is.
     */
    public static String escape(CharSequence text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text.toString() : out.toString();
    }
}
