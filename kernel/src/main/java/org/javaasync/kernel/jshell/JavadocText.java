package org.javaasync.kernel.jshell;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.evaluator.Inspection;

/**
 * Turns JShell's documentation (signatures plus raw Javadoc comments, which are HTML with inline tags) into an
 * {@link Inspection}: readable plain text, and HTML that keeps the Javadoc's own markup. Code examples
 * ({@code <pre>{@code ...}</pre>}) keep their indentation; inline tags are read with their nested braces, so
 * {@code {@code try (...) { ... }}} is one tag.
 */
final class JavadocText {

    private static final Pattern PRE = Pattern.compile("(?is)<pre\\b[^>]*>(.*?)</pre\\s*>");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)<p\\b[^>]*>");
    /** {@code @param <T>} documents a type parameter: its angle brackets are text, not a tag. */
    private static final Pattern TYPE_PARAMETER = Pattern.compile("(@param\\s+)<(\\w+)>");

    private static final int SUMMARY_OVERLOADS = 5;
    /** How far code examples are indented in plain text, to set them apart from the prose. */
    private static final int CODE_INDENT = 4;

    private JavadocText() {}

    /** Detail level 0 shows at most a few overloads; level 1 shows them all. */
    static Inspection inspection(List<Documentation> docs, int detailLevel) {
        List<Documentation> shown =
                detailLevel > 0 ? docs : docs.stream().limit(SUMMARY_OVERLOADS).toList();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (Documentation doc : shown) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(doc.signature());
            html.append("<pre>").append(Html.escape(doc.signature())).append("</pre>\n");
            String javadoc = doc.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                text.append("\n\n").append(plain(javadoc));
                html.append("<div>").append(html(javadoc)).append("</div>\n");
            }
        }
        if (shown.size() < docs.size()) {
            text.append("\n\n(").append(docs.size() - shown.size()).append(" more overloads)");
        }
        return new Inspection(true, text.toString(), html.toString());
    }

    /**
     * Javadoc as plain text: inline tags reduced to their text, HTML tags dropped, entities decoded; code examples
     * indented by four spaces, with their own indentation kept.
     */
    static String plain(String javadoc) {
        StringBuilder out = new StringBuilder();
        String text = typeParametersAsText(javadoc);
        Matcher pre = PRE.matcher(text);
        int last = 0;
        while (pre.find()) {
            out.append(prose(text.substring(last, pre.start())));
            String code = code(pre.group(1));
            if (!code.isEmpty()) {
                out.append("\n\n")
                        .append(code.indent(CODE_INDENT).stripTrailing())
                        .append("\n\n");
            }
            last = pre.end();
        }
        out.append(prose(text.substring(last)));
        // Not strip(): a comment that opens with a code example keeps that example's indent.
        return out.toString()
                .replaceAll("\n{3,}", "\n\n")
                .replaceFirst("^\n+", "")
                .stripTrailing();
    }

    /** Javadoc as HTML: its own markup, inline tags as {@code <code>}, code examples as escaped {@code <pre>}. */
    static String html(String javadoc) {
        StringBuilder out = new StringBuilder();
        String text = typeParametersAsText(javadoc);
        Matcher pre = PRE.matcher(text);
        int last = 0;
        while (pre.find()) {
            out.append(inlineTags(text.substring(last, pre.start()), markup -> markup, JavadocText::tagAsHtml));
            out.append("<pre>").append(Html.escape(code(pre.group(1)))).append("</pre>");
            last = pre.end();
        }
        return out.append(inlineTags(text.substring(last), markup -> markup, JavadocText::tagAsHtml))
                .toString();
    }

    /** Running text: paragraphs on lines of their own, every line stripped of the comment's indentation. */
    private static String prose(String html) {
        String text = inlineTags(html, JavadocText::markupAsText, JavadocText::tagAsText);
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** HTML outside inline tags as text: paragraphs start a line, tags go, entities are decoded. */
    private static String markupAsText(String html) {
        return decode(HTML_TAG.matcher(PARAGRAPH.matcher(html).replaceAll("\n")).replaceAll(""));
    }

    /** A code example: tags read, entities decoded, its lines dedented together, no blank lines around it. */
    private static String code(String html) {
        String text = inlineTags(html, markup -> decode(HTML_TAG.matcher(markup).replaceAll("")), (tag, body) -> body);
        List<String> lines = text.lines().map(String::stripTrailing).toList();
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        List<String> kept = lines.subList(from, to);
        int indent = kept.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return kept.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }

    /**
     * {@code text} with each inline tag ({@code {@code x}}, {@code {@link Type#member label}}) replaced by what
     * {@code render} makes of its name and body, and the text between tags by what {@code outside} makes of it. A
     * tag's body ends at the brace that balances the tag's own, and is passed as written: {@code {@code List<T>}}
     * keeps its brackets.
     */
    static String inlineTags(String text, UnaryOperator<String> outside, BiFunction<String, String, String> render) {
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder between = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                break;
            }
            int nameEnd = open + 2;
            while (nameEnd < text.length() && Character.isLetter(text.charAt(nameEnd))) {
                nameEnd++;
            }
            int depth = 1;
            int close = nameEnd;
            while (close < text.length() && depth > 0) {
                char c = text.charAt(close);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                close++;
            }
            if (depth > 0 || nameEnd == open + 2) {
                between.append(text, i, open + 2); // not a tag, or one never closed: text as written
                i = open + 2;
                continue;
            }
            between.append(text, i, open);
            out.append(outside.apply(between.toString()));
            between.setLength(0);
            String body = text.substring(nameEnd, close - 1);
            out.append(
                    render.apply(text.substring(open + 2, nameEnd), body.startsWith(" ") ? body.substring(1) : body));
            i = close;
        }
        between.append(text, i, text.length());
        return out.append(outside.apply(between.toString())).toString();
    }

    private static String tagAsText(String tag, String body) {
        return isLink(tag) ? linkText(body) : body;
    }

    private static String tagAsHtml(String tag, String body) {
        return switch (tag) {
            case "code", "literal", "value" -> "<code>" + Html.escape(body) + "</code>";
            case "link", "linkplain" -> "<code>" + Html.escape(linkText(body)) + "</code>";
            default -> body;
        };
    }

    private static boolean isLink(String tag) {
        return tag.equals("link") || tag.equals("linkplain");
    }

    /** {@code @param <T> ...} with the brackets as entities, so that stripping tags keeps them. */
    private static String typeParametersAsText(String javadoc) {
        return TYPE_PARAMETER.matcher(javadoc).replaceAll("$1&lt;$2&gt;");
    }

    private static String decode(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#64;", "@")
                .replace("&amp;", "&");
    }

    /** {@code String#length() the length} reads "the length"; {@code String#length()} reads "String.length()". */
    private static String linkText(String body) {
        String trimmed = body.strip();
        int space = trimmed.indexOf(' ');
        if (space > 0 && trimmed.substring(0, space).matches("[\\w.$]*#?[\\w$]*(\\(.*\\))?") && trimmed.contains("#")) {
            return trimmed.substring(space + 1);
        }
        return trimmed.startsWith("#") ? trimmed.substring(1) : trimmed.replace('#', '.');
    }
}
