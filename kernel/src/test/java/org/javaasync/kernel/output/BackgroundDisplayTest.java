package org.javaasync.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.javaasync.kernel.display.MimeBundle;
import org.junit.jupiter.api.Test;

class BackgroundDisplayTest {

    private final RecordingFrontend frontend = new RecordingFrontend();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BackgroundDisplay display =
            new BackgroundDisplay(null, () -> null, "bg-1", "⏳ running", frontend, frontend.json, scheduler, d -> {});

    /** The data of the display as last published, after every scheduled update has run. */
    private ObjectNode shown() throws InterruptedException {
        display.publish();
        scheduler.shutdown();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
        var last = frontend.published.getLast();
        assertEquals("bg-1", last.content().get("transient").get("display_id").asText());
        return (ObjectNode) last.content().get("data");
    }

    @Test
    void openingPublishesADisplayDataWithTheIdAndTheFooter() {
        display.open();
        var first = frontend.published.getFirst();
        assertEquals("display_data", first.msgType());
        assertEquals("⏳ running", first.content().get("data").get("text/plain").asText());
        assertEquals("bg-1", first.content().get("transient").get("display_id").asText());
        scheduler.shutdownNow();
    }

    @Test
    void textOfBothStreamsIsKeptInOrderAndStderrIsRedAndEscaped() throws Exception {
        display.append("stdout", "a <b>\n");
        display.append("stderr", "oops & more\n");
        display.append("stdout", "c\n");
        display.setFooter("✔ done");
        ObjectNode data = shown();
        assertEquals("a <b>\noops & more\nc\n✔ done", data.get("text/plain").asText());
        String html = data.get("text/html").asText();
        assertTrue(html.contains("a &lt;b&gt;\n<span style=\"color:#c00\">oops &amp; more\n</span>c\n"), html);
        assertEquals("update_display_data", frontend.published.getLast().msgType());
    }

    @Test
    void onlyTheLastOutputIsKeptAfterATruncationLine() throws Exception {
        int lines = BackgroundDisplay.LIMIT / 10 + 1000;
        for (int i = 0; i < lines; i++) {
            display.append("stdout", String.format("%9d\n", i));
        }
        String text = shown().get("text/plain").asText();
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
    void aRichDisplayIsEmbeddedAndAnUpdateOfItsIdReplacesItInPlace() throws Exception {
        display.append("stdout", "before\n");
        display.display(MimeBundle.of("text/html", "<i>50%</i>"), "progress", false);
        display.append("stdout", "after\n");
        display.display(MimeBundle.of("text/html", "<i>100%</i>"), "progress", true);
        String html = shown().get("text/html").asText();
        assertFalse(html.contains("50%"));
        assertTrue(
                html.indexOf("before") < html.indexOf("<i>100%</i>")
                        && html.indexOf("<i>100%</i>") < html.indexOf("after"),
                html);
    }

    @Test
    void clearingForgetsTheOutputButKeepsTheFooter() throws Exception {
        display.append("stdout", "old\n");
        display.clear();
        display.append("stdout", "new\n");
        assertEquals("new\n⏳ running", shown().get("text/plain").asText());
    }
}
