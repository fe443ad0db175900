package org.javaasync.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.javaasync.kernel.display.TimelineSvg.Activity;
import org.javaasync.kernel.display.TimelineSvg.Ending;
import org.javaasync.kernel.display.TimelineSvg.Row;
import org.javaasync.kernel.display.TimelineSvg.Segment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
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

    /** The running bars of the picture (the legend's swatch excluded) as {x, width}. */
    private static List<double[]> runningBars(String svg) throws Exception {
        NodeList rects = parse(svg).getElementsByTagName("rect");
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getAttribute("fill").equals("#2f7ed8")
                    && r.getAttribute("height").equals("14")) {
                bars.add(new double[] {
                    Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("width"))
                });
            }
        }
        return bars;
    }

    @Test
    void aTaskThatHeldTheLoopForHalfTheSpanHasARunningBarHalfThePlotWide() throws Exception {
        Row cpu = new Row(
                "cpu-work",
                List.of(new Segment(0, 0.5, Activity.WAITING), new Segment(0.5, 1.5, Activity.RUNNING)),
                Ending.DONE);
        List<double[]> bars = runningBars(TimelineSvg.render("t", List.of(cpu), 0, 2));
        assertEquals(1, bars.size());
        assertEquals(170 + 140, bars.getFirst()[0], 0.05); // the plot starts after the 170 px label column
        assertEquals(280, bars.getFirst()[1], 0.05); // 1 s of a 2 s span over the 560 px plot
    }

    @Test
    void aStepTooShortToSeeIsStillDrawnOnePixelWide() throws Exception {
        Row quick = new Row(
                "quick",
                List.of(new Segment(0, 1e-6, Activity.RUNNING), new Segment(1e-6, 10, Activity.WAITING)),
                Ending.DONE);
        List<double[]> bars = runningBars(TimelineSvg.render("t", List.of(quick), 0, 10));
        assertEquals(1, bars.size());
        assertEquals(1.0, bars.getFirst()[1]);
    }

    @Test
    void thousandsOfStepsAreDrawnAsAtMostOneBarPerPixel() throws Exception {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            segments.add(new Segment(i * 0.001, i * 0.001 + 0.0005, Activity.RUNNING));
            segments.add(new Segment(i * 0.001 + 0.0005, (i + 1) * 0.001, Activity.WAITING));
        }
        Row busy = new Row("busy", segments, Ending.DONE);
        assertEquals(10.0, busy.runningSeconds(), 1e-6);
        String svg = TimelineSvg.render("t", List.of(busy), 0, 20);
        List<double[]> bars = runningBars(svg);
        assertTrue(bars.size() <= 560, "bars: " + bars.size());
        assertTrue(svg.length() < 60_000, "size: " + svg.length());
    }

    @Test
    void theHtmlImageCarriesTheSvgAndItsSize() {
        TimelineSvg.Drawing drawing = TimelineSvg.draw("t", List.of(task("A", 0, 1, Ending.DONE)), 0, 1);
        String html = drawing.htmlImage("t: A 0–1 s <done>");
        String prefix = "<img src=\"data:image/svg+xml;base64,";
        assertTrue(html.startsWith(prefix), html);
        String data = html.substring(prefix.length(), html.indexOf('"', prefix.length()));
        assertEquals(drawing.svg(), new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
        assertTrue(
                html.endsWith(" width=\"" + drawing.width() + "\" height=\"" + drawing.height()
                        + "\" alt=\"t: A 0–1 s &lt;done&gt;\">"),
                html);
    }

    @Test
    void axisStepsAreRoundNumbers() {
        assertEquals(0.5, TimelineSvg.niceStep(0.33), 1e-12);
        assertEquals(1.0, TimelineSvg.niceStep(0.9), 1e-12);
        assertEquals(2.5, TimelineSvg.niceStep(2.1), 1e-12);
        assertEquals(0.001, TimelineSvg.niceStep(0.001), 1e-12);
    }
}
