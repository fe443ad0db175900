package org.javaasync.kernel.jshell;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.evaluator.Inspection;

/**
 * Turns JShell's documentation (signatures plus raw Javadoc comments, which are HTML with inline tags) into an
 * {@link Inspection}: readable plain text, and HTML that keeps the Javadoc's own markup.
 */
final class JavadocText {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
    private static final int SUMMARY_OVERLOADS = 5;

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
                html.append("<div>").append(inlineTagsAsHtml(javadoc)).append("</div>\n");
            }
        }
        if (shown.size() < docs.size()) {
            text.append("\n\n(").append(docs.size() - shown.size()).append(" more overloads)");
        }
        return new Inspection(true, text.toString(), html.toString());
    }

    /** Javadoc as plain text: inline tags reduced to their text, HTML tags dropped, entities decoded. */
    static String plain(String javadoc) {
        String text = INLINE_TAG.matcher(javadoc).replaceAll(m -> Matcher.quoteReplacement(linkText(m.group(1))));
        text = text.replaceAll("(?i)<p>", "\n");
        text = HTML_TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
        return text.lines()
                .map(String::strip)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("")
                .strip();
    }

    private static String inlineTagsAsHtml(String javadoc) {
        return INLINE_TAG
                .matcher(javadoc)
                .replaceAll(m -> Matcher.quoteReplacement("<code>" + Html.escape(linkText(m.group(1))) + "</code>"));
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
