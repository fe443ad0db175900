package org.javaasync.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void htmlReadsAsTextWithBlocksOnTheirOwnLines() {
        String html = """
                <html><head><style>p { color: red }</style></head><body>
                <h2>Report</h2><p>Fetched <b>3</b>&nbsp;pages &amp; 1 error.</p>
                <ul><li>a.html</li><li>b.html</li></ul>
                <script>alert("no")</script><!-- hidden -->
                <p>Line one<br>line   two</p>
                </body></html>""";
        assertEquals(
                "Report\n\nFetched 3 pages & 1 error.\n\n- a.html\n- b.html\n\nLine one\nline two", HtmlText.of(html));
    }

    @Test
    void htmlTablesKeepTheirRowsAndPreKeepsItsSpaces() {
        String html = "<table><tr><th>Name</th><th>State</th></tr><tr><td>bg</td><td>waiting</td></tr></table>"
                + "<pre>  x = 1\n  y = 2</pre>";
        assertEquals("Name  State\nbg  waiting\n\n  x = 1\n  y = 2", HtmlText.of(html));
    }

    @Test
    void aHugeHtmlIsReadAsTextUpToALimitThatItStates() {
        String row = "<tr><td>w1</td><td>waiting</td></tr>";
        String html = "<table>" + row.repeat(HtmlText.MAX_HTML / row.length() * 3) + "</table>";
        String text = HtmlText.of(html);
        assertTrue(text.startsWith("w1  waiting\nw1  waiting\n"), text.substring(0, 40));
        assertTrue(text.matches("(?s).*\n… \\([\\d,]+ more characters of HTML\\)"), text.substring(text.length() - 80));
        assertTrue(text.length() < HtmlText.MAX_HTML, "text of " + text.length() + " characters");
    }

    @Test
    void entitiesAreDecodedOnceAndUnknownOnesStay() {
        assertEquals("<a> & &lt; é € &bogus;", HtmlText.decode("&lt;a&gt; &amp; &amp;lt; &#233; &#x20AC; &bogus;"));
    }

    @Test
    void svgNamesItsSizeAndTitle() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300px\">"
                + "<title>Tasks &amp; timers</title><rect/></svg>";
        assertEquals("<SVG image 400x300: Tasks & timers>", PlainText.of("image/svg+xml", svg, null));
        assertEquals(
                "<SVG image 120x80>", PlainText.of("image/svg+xml", "<svg viewBox=\"0 0 120 80\"><rect/></svg>", null));
    }

    @Test
    void imagesAndUnknownTypesGetAPlaceholder() {
        assertEquals("<PNG image 640x480>", PlainText.of("image/png", "iVBOR", Map.of("width", 640, "height", 480)));
        assertEquals("<JPEG image>", PlainText.of("image/jpeg", "/9j/", null));
        assertEquals("<application/vnd.vega.v5 output>", PlainText.of("application/vnd.vega.v5", "{}", null));
    }

    @Test
    void theRichestPartIsRead() {
        MimeBundle both = new MimeBundle(Map.of("text/html", "<b>html</b>", "text/markdown", "**md**"), Map.of());
        assertEquals("**md**", PlainText.of(both));
        MimeBundle own = new MimeBundle(Map.of("text/html", "<b>html</b>", "text/plain", "mine"), Map.of());
        assertEquals(own, PlainText.ensure(own));
    }

    @Test
    void jsonTextThatDoesNotParseIsShownAsWritten() {
        assertEquals("{not json", PlainText.of("application/json", "{not json", null));
    }
}
