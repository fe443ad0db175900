package org.javaasync.kernel.display;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Draws tasks as rows over time, as SVG: what ran when, what waited, how each ended. People understand
 * "three 2-second tasks take 2 s, not 6" from this picture faster than from log lines.
 *
 * <p>Each row is one task: a thin bar for its whole life (waiting), thick bars where it held the loop (running), and
 * a mark for how it ended (done, cancelled, failed, or still pending at the right edge). Running stretches closer
 * than half a pixel are drawn as one bar, so the size of the picture depends on its width, not on how many steps a
 * task took.
 *
 * <p>{@link Drawing#htmlImage} wraps the picture in an {@code <img>} with a data URI: HTML exports and notebook
 * frontends that strip inline SVG (nbconvert's sanitizing of {@code image/svg+xml}, untrusted notebooks) still show
 * an image.
 */
public final class TimelineSvg {

    /** What a task was doing during a segment. */
    public enum Activity {
        RUNNING,
        WAITING
    }

    /** How a task ended, or that it had not ended when the picture was drawn. */
    public enum Ending {
        DONE,
        CANCELLED,
        FAILED,
        PENDING
    }

    /** A stretch of a task's life, in seconds on the loop's clock. */
    public record Segment(double start, double end, Activity activity) {}

    /**
     * One task's row.
     *
     * @param runningSeconds how long the task held the loop (exact, where {@code segments} may have merged steps)
     */
    public record Row(String name, List<Segment> segments, Ending ending, double runningSeconds) {

        /** A row whose running time is the sum of its running segments. */
        public Row(String name, List<Segment> segments, Ending ending) {
            this(
                    name,
                    segments,
                    ending,
                    segments.stream()
                            .filter(s -> s.activity() == Activity.RUNNING)
                            .mapToDouble(s -> s.end() - s.start())
                            .sum());
        }
    }

    /** A rendered picture: the SVG text and its size in pixels. */
    public record Drawing(String svg, int width, int height) {

        /**
         * The picture as an HTML {@code <img>} whose source is the SVG as a base64 data URI. {@code alt} (e.g. the
         * timeline as text) is what screen readers and text-only views get.
         */
        public String htmlImage(String alt) {
            String data = Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
            return String.format(
                    Locale.ROOT,
                    "<img src=\"data:image/svg+xml;base64,%s\" width=\"%d\" height=\"%d\" alt=\"%s\">",
                    data,
                    width,
                    height,
                    Html.escape(alt));
        }
    }

    private static final int LABEL_WIDTH = 170;
    private static final int PLOT_WIDTH = 560;
    private static final int ROW_HEIGHT = 22;
    private static final int TOP = 28;
    private static final int AXIS_HEIGHT = 34;
    private static final int MAX_ROWS = 200;

    private TimelineSvg() {}

    /** The SVG of {@link #draw}. */
    public static String render(String title, List<Row> rows, double t0, double t1) {
        return draw(title, rows, t0, t1).svg();
    }

    /**
     * Draws {@code rows} between {@code t0} and {@code t1} (seconds on the loop's clock). At most 200 rows are
     * drawn; the rest are counted in a footnote so that a cell with 10,000 tasks still gives a readable picture.
     */
    public static Drawing draw(String title, List<Row> rows, double t0, double t1) {
        double span = Math.max(t1 - t0, 1e-3);
        List<Row> shown = rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
        int height = TOP + shown.size() * ROW_HEIGHT + AXIS_HEIGHT + (rows.size() > MAX_ROWS ? 16 : 0);
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        StringBuilder svg = new StringBuilder(1024 + shown.size() * 200);
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">",
                width,
                height,
                width,
                height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.append(String.format(
                Locale.ROOT, "<text x=\"4\" y=\"16\" font-weight=\"bold\">%s</text>", Html.escape(title)));
        legend(svg, width);
        for (int i = 0; i < shown.size(); i++) {
            row(svg, shown.get(i), TOP + i * ROW_HEIGHT, t0, span);
        }
        axis(svg, TOP + shown.size() * ROW_HEIGHT, span);
        if (rows.size() > MAX_ROWS) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"4\" y=\"%d\" fill=\"#555\">… and %d more tasks</text>",
                    height - 4,
                    rows.size() - MAX_ROWS));
        }
        return new Drawing(svg.append("</svg>").toString(), width, height);
    }

    private static void row(StringBuilder svg, Row row, int y, double t0, double span) {
        svg.append(
                String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", y + 15, Html.escape(clip(row.name()))));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>",
                LABEL_WIDTH,
                y + ROW_HEIGHT - 1,
                LABEL_WIDTH + PLOT_WIDTH,
                y + ROW_HEIGHT - 1));
        double lastEnd = t0;
        double firstStart = Double.POSITIVE_INFINITY;
        for (Segment s : row.segments()) {
            firstStart = Math.min(firstStart, s.start());
            lastEnd = Math.max(lastEnd, s.end());
        }
        if (!row.segments().isEmpty()) {
            double x0 = x(firstStart, t0, span);
            bar(svg, x0, x(lastEnd, t0, span), y + 7, 6, "#b9d3ee");
        }
        // Running stretches, joined where the gap between them would be under half a pixel.
        double runFrom = Double.NaN;
        double runTo = Double.NaN;
        for (Segment s : row.segments()) {
            if (s.activity() != Activity.RUNNING) continue;
            double from = x(s.start(), t0, span);
            double to = x(s.end(), t0, span);
            if (!Double.isNaN(runTo) && from - runTo < 0.5) {
                runTo = Math.max(runTo, to);
                continue;
            }
            if (!Double.isNaN(runFrom)) bar(svg, runFrom, runTo, y + 3, 14, "#2f7ed8");
            runFrom = from;
            runTo = to;
        }
        if (!Double.isNaN(runFrom)) bar(svg, runFrom, runTo, y + 3, 14, "#2f7ed8");
        double ex = x(lastEnd, t0, span);
        String mark = switch (row.ending()) {
            case DONE ->
                String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#2e9d4a\"><title>done</title></circle>",
                        ex,
                        y + 10);
            case CANCELLED ->
                String.format(
                        Locale.ROOT,
                        "<path d=\"M%.1f %d l8 8 M%.1f %d l-8 8\" stroke=\"#e08a"
                                + "00\" stroke-width=\"2\"><title>cancelled</title></path>",
                        ex - 4,
                        y + 6,
                        ex + 4,
                        y + 6);
            case FAILED ->
                String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"8\" height=\"8\""
                                + " fill=\"#d62728\"><title>failed</title></rect>",
                        ex - 4,
                        y + 6);
            case PENDING ->
                String.format(
                        Locale.ROOT,
                        "<path d=\"M%.1f %d l8 4 l-8 4 z\" fill=\"#888\"><title>still pending</title></path>",
                        ex,
                        y + 6);
        };
        svg.append(mark);
    }

    /**
     * A bar from {@code x0} to {@code x1} on whole pixels, at least one pixel wide: a short step stays visible, and a
     * bar is never a blur of half-covered pixels, whatever the frontend's anti-aliasing.
     */
    private static void bar(StringBuilder svg, double x0, double x1, int y, int height, String fill) {
        long left = (long) Math.floor(x0);
        long right = Math.max(left + 1, Math.round(x1));
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" shape-rendering=\"crispEdges\"/>",
                left,
                y,
                right - left,
                height,
                fill));
    }

    private static void axis(StringBuilder svg, int y, double span) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                LABEL_WIDTH,
                y + 4,
                LABEL_WIDTH + PLOT_WIDTH,
                y + 4));
        double step = niceStep(span / 6);
        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = LABEL_WIDTH + t / span * PLOT_WIDTH;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>",
                    x,
                    y + 4,
                    x,
                    y + 8,
                    x,
                    y + 21,
                    trim(t)));
        }
    }

    private static void legend(StringBuilder svg, int width) {
        int x = width - 330;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"10\" fil"
                        + "l=\"#2f7ed8\"/><text x=\"%d\" y=\"15\">running</text>"
                        + "<rect x=\"%d\" y=\"9\" width=\"12\" height=\"5\" fil"
                        + "l=\"#b9d3ee\"/><text x=\"%d\" y=\"15\">waiting</text>"
                        + "<circle cx=\"%d\" cy=\"11\" r=\"4\" fill=\"#2e9d4a\"/><text x=\"%d\" y=\"15\">done</text>"
                        + "<rect x=\"%d\" y=\"7\" width=\"8\" height=\"8\" fil"
                        + "l=\"#d62728\"/><text x=\"%d\" y=\"15\">failed</text>"
                        + "<text x=\"%d\" y=\"15\" fill=\"#e08a00\">✕ cancelled</text>",
                x,
                x + 16,
                x + 70,
                x + 86,
                x + 144,
                x + 152,
                x + 190,
                x + 202,
                x + 245));
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) return m * magnitude;
        }
        return 10 * magnitude;
    }

    private static double x(double t, double t0, double span) {
        return LABEL_WIDTH + Math.clamp((t - t0) / span, 0.0, 1.0) * PLOT_WIDTH;
    }

    private static String trim(double t) {
        String s = String.format(Locale.ROOT, "%.3f", t);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String clip(String name) {
        return name.length() > 24 ? name.substring(0, 23) + "…" : name;
    }
}
