package org.javaasync.kernel.display;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML read as plain text, roughly as a text browser shows it: scripts, styles and comments dropped, block elements
 * and {@code <br>} on lines of their own, table cells two spaces apart, list items as {@code - item}, entities
 * decoded, runs of blanks collapsed except inside {@code <pre>}. For the {@code text/plain} part of an HTML display,
 * which {@code jupyter console} and text exports show.
 */
final class HtmlText {

    private static final Pattern INVISIBLE = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|head|template)\\b[^>]*>.*?</\\1\\s*>|<!doctype[^>]*>|<\\?.*?\\?>");
    private static final Pattern PRE = Pattern.compile("(?is)<pre\\b[^>]*>(.*?)</pre\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern CELL_END = Pattern.compile("(?i)</t[dh]\\s*>");
    /** Elements that stand apart from what surrounds them: a blank line before and after. */
    private static final Pattern PARAGRAPH = Pattern.compile(
            "(?i)</?(p|h[1-6]|ul|ol|dl|table|blockquote|hr|figure|details|section|article|form|fieldset)\\b[^>]*>");
    /** Elements that start a line of their own. */
    private static final Pattern LINE = Pattern.compile(
            "(?i)</?(div|tr|dt|dd|caption|thead|tbody|tfoot|header|footer|nav|aside|main|figcaption|summary|address)"
                    + "\\b[^>]*>|</li\\s*>");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of(
            "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", " ", "mdash", "—", "ndash", "–",
            "hellip", "…", "copy", "©");

    // Markers for what the tags meant, placed while tags are removed and resolved once text is laid out. Entities
    // are decoded last, so that no &#2; becomes a marker (raw control characters, which HTML does not allow, would).
    private static final char LINE_MARK = '\u0001';
    private static final char PARAGRAPH_MARK = '\u0002';
    private static final char CELL_MARK = '\u0003';
    private static final char PRE_START = '\u0004';
    private static final char PRE_END = '\u0005';

    private HtmlText() {}

    /**
     * How much HTML is read as text. The text part is for a terminal or a text export, where megabytes of table are
     * no more use than their beginning; reading 2 MB of HTML takes about half a second.
     */
    static final int MAX_HTML = 200_000;

    /** The text of {@code html}; of its first {@link #MAX_HTML} characters, with a last line saying so. */
    static String of(String html) {
        if (html.length() > MAX_HTML) {
            int cut = html.lastIndexOf('<', MAX_HTML);
            String head = of(html.substring(0, cut > 0 ? cut : MAX_HTML));
            return head + "\n… (" + String.format(Locale.ROOT, "%,d", html.length() - (cut > 0 ? cut : MAX_HTML))
                    + " more characters of HTML)";
        }
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = PRE.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        "" + PARAGRAPH_MARK + PRE_START + m.group(1) + PRE_END + PARAGRAPH_MARK));
        text = LINE_BREAK.matcher(text).replaceAll(String.valueOf(LINE_MARK));
        text = LIST_ITEM.matcher(text).replaceAll(LINE_MARK + "- ");
        text = CELL_END.matcher(text).replaceAll(String.valueOf(CELL_MARK));
        text = PARAGRAPH.matcher(text).replaceAll(String.valueOf(PARAGRAPH_MARK));
        text = LINE.matcher(text).replaceAll(String.valueOf(LINE_MARK));
        text = TAG.matcher(text).replaceAll("");
        return decode(layOut(text));
    }

    /** Collapses blanks as a browser does, and turns the markers into line breaks, blank lines and cell gaps. */
    private static String layOut(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inPre = false;
        int lineBreaks = 0; // pending: 1 = a new line, 2 = a blank line
        boolean space = false;
        boolean cell = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == PRE_START || c == PRE_END) {
                inPre = c == PRE_START;
            } else if (inPre) {
                lineBreaks = flush(out, lineBreaks);
                out.append(c);
            } else if (c == LINE_MARK || c == PARAGRAPH_MARK) {
                lineBreaks = Math.max(lineBreaks, c == PARAGRAPH_MARK ? 2 : 1);
                space = false;
                cell = false;
            } else if (c == CELL_MARK) {
                cell = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
            } else {
                boolean lineStart = out.isEmpty() || lineBreaks > 0;
                lineBreaks = flush(out, lineBreaks);
                if (!lineStart && cell) {
                    out.append("  ");
                } else if (!lineStart && space) {
                    out.append(' ');
                }
                space = false;
                cell = false;
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Writes the pending line breaks (none at the very start); returns none pending. */
    private static int flush(StringBuilder out, int lineBreaks) {
        if (lineBreaks > 0 && !out.isEmpty()) {
            trimLineEnd(out);
            out.append(lineBreaks == 2 ? "\n\n" : "\n");
        }
        return 0;
    }

    private static void trimLineEnd(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    /** {@code &lt;}, {@code &#60;} and {@code &#x3c;} as {@code <}; an unknown entity stays as written. */
    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return ENTITY.matcher(text).replaceAll(m -> {
            String name = m.group(1);
            String decoded;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                decoded = codePoint(name.substring(2), 16);
            } else if (name.startsWith("#")) {
                decoded = codePoint(name.substring(1), 10);
            } else {
                decoded = NAMED.get(name);
            }
            return Matcher.quoteReplacement(decoded == null ? m.group() : decoded);
        });
    }

    private static String codePoint(String digits, int radix) {
        try {
            int cp = Integer.parseInt(digits, radix);
            return Character.isValidCodePoint(cp) ? Character.toString(cp) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
