package org.javaasync.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.display.MimeBundle;
import org.junit.jupiter.api.Test;

/** What a cell's background display shows: order, escaping, truncation, rich parts, clearing. */
class BackgroundDisplayTest {

    private final BackgroundDisplay display = new BackgroundDisplay("⏳ running");

    private String plain() {
        return (String) display.render().data().get("text/plain");
    }

    private String html() {
        return (String) display.render().data().get("text/html");
    }

    @Test
    void aNewDisplayShowsItsFooter() {
        assertEquals("⏳ running", plain());
    }

    @Test
    void textOfBothStreamsIsKeptInOrderAndStderrIsRedAndEscaped() {
        display.append("stdout", "a <b>\n");
        display.append("stderr", "oops & more\n");
        display.append("stdout", "c\n");
        assertTrue(display.setFooter("✔ done"));
        assertFalse(display.setFooter("✔ done"), "the same footer is no change");
        assertEquals("a <b>\noops & more\nc\n✔ done", plain());
        assertTrue(html().contains("a &lt;b&gt;\n<span style=\"color:#c00\">oops &amp; more\n</span>c\n"), html());
    }

    @Test
    void onlyTheLastOutputIsKeptAfterATruncationLine() {
        int lines = BackgroundDisplay.LIMIT / 10 + 1000;
        for (int i = 0; i < lines; i++) {
            display.append("stdout", String.format("%9d\n", i));
        }
        String text = plain();
        assertTrue(text.startsWith(BackgroundDisplay.TRUNCATED), text.substring(0, 40));
        assertTrue(text.length() <= BackgroundDisplay.LIMIT + BackgroundDisplay.TRUNCATED.length() + 20);
        assertTrue(text.endsWith(String.format("%9d\n", lines - 1) + "⏳ running"));
        String firstKept = text.substring(BackgroundDisplay.TRUNCATED.length())
                .lines()
                .findFirst()
                .orElseThrow();
        assertEquals(9, firstKept.length(), "cut at a line break: " + firstKept);
    }

    @Test
    void aRichDisplayIsEmbeddedAndALaterOneWithItsIdReplacesItInPlace() {
        display.append("stdout", "before\n");
        display.display(MimeBundle.of("text/html", "<i>50%</i>"), "progress");
        display.append("stdout", "after\n");
        assertTrue(display.shows("progress"));
        display.display(MimeBundle.of("text/html", "<i>100%</i>"), "progress");
        String html = html();
        assertFalse(html.contains("50%"));
        assertTrue(
                html.indexOf("before") < html.indexOf("<i>100%</i>")
                        && html.indexOf("<i>100%</i>") < html.indexOf("after"),
                html);
        assertTrue(plain().startsWith("before\n[display: text/html]\nafter\n"), plain());
    }

    @Test
    void clearingForgetsTheOutputButKeepsTheFooter() {
        display.append("stdout", "old\n");
        display.clear();
        display.append("stdout", "new\n");
        assertEquals("new\n⏳ running", plain());
    }
}
