package org.javaasync.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.javaasync.kernel.display.TimelineSvg.Activity;
import org.javaasync.kernel.display.TimelineSvg.Ending;
import org.javaasync.kernel.display.TimelineSvg.Row;
import org.javaasync.kernel.display.TimelineSvg.Segment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class TimelineSvgTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static Row task(String name, double start, double end, Ending ending) {
        return new Row(
                name,
                List.of(
                        new Segment(start, start + 0.01, Activity.RUNNING),
                        new Segment(start + 0.01, end, Activity.WAITING)),
                ending);
    }

    @Test
    void threeConcurrentTwoSecondTasksAreDrawnSideBySide() throws Exception {
        String svg = TimelineSvg.render(
                "cell [3]",
                List.of(task("A", 0, 2, Ending.DONE), task("B", 0, 2, Ending.DONE), task("C", 0, 2, Ending.DONE)),
                0,
                2);
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(3, doc.getElementsByTagName("circle").getLength() - 1, "one done mark per task plus the legend's");
        assertTrue(svg.contains(">A<") && svg.contains(">B<") && svg.contains(">C<"));
        assertTrue(svg.contains(">2 s<"), "the axis reaches the end of the span");
    }

    @Test
    void everyEndingHasItsOwnMark() throws Exception {
        String svg = TimelineSvg.render(
                "t",
                List.of(
                        task("ok", 0, 1, Ending.DONE),
                        task("stop", 0, 1, Ending.CANCELLED),
                        task("boom", 0, 1, Ending.FAILED),
                        task("bg", 0, 1, Ending.PENDING)),
                0,
                1);
        parse(svg);
        for (String title : List.of(
                "<title>done</title>",
                "<title>cancelled</title>",
                "<title>failed</title>",
                "<title>still pending</title>")) {
            assertTrue(svg.contains(title), title);
        }
    }

    @Test
    void namesAreEscapedSoTheSvgStaysWellFormed() throws Exception {
        String svg = TimelineSvg.render("<cell & \"x\">", List.of(task("List<String> & co", 0, 1, Ending.DONE)), 0, 1);
        parse(svg);
        assertTrue(svg.contains("List&lt;String&gt; &amp; co"));
    }

    @Test
    void tenThousandTasksAreCappedWithAFootnote() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) rows.add(task("t" + i, 0, 1, Ending.DONE));
        String svg = TimelineSvg.render("many", rows, 0, 1);
        parse(svg);
        assertTrue(svg.contains("and 9800 more tasks"));
        assertTrue(svg.length() < 200_000, "bounded size, was " + svg.length());
    }

    @Test
    void axisStepsAreRoundNumbers() {
        assertEquals(0.5, TimelineSvg.niceStep(0.33), 1e-12);
        assertEquals(1.0, TimelineSvg.niceStep(0.9), 1e-12);
        assertEquals(2.5, TimelineSvg.niceStep(2.1), 1e-12);
        assertEquals(0.001, TimelineSvg.niceStep(0.001), 1e-12);
    }
}
