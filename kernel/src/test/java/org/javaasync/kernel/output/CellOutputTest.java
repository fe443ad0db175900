package org.javaasync.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.trace.CellFrames;
import org.javaasync.kernel.trace.PrintedTraces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CellOutputTest {

    private final RecordingFrontend frontend = new RecordingFrontend();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    private CellOutput cell(long limit) {
        return new CellOutput(null, 1, false, frontend, frontend.json, flusher, limit);
    }

    private List<String> types() {
        return frontend.published.stream()
                .map(RecordingFrontend.Published::msgType)
                .toList();
    }

    @Test
    void manySmallWritesAreCoalescedIntoFewMessages() {
        CellOutput cell = cell(Long.MAX_VALUE);
        for (int i = 0; i < 1000; i++) {
            cell.stream("stdout", "line " + i + "\n");
        }
        cell.flush();
        assertTrue(frontend.published.size() < 10, "published " + frontend.published.size());
        assertTrue(frontend.streamText("stdout").endsWith("line 999\n"));
    }

    @Test
    void bufferedTextIsPublishedWithoutAnExplicitFlush() throws Exception {
        CellOutput cell = cell(Long.MAX_VALUE);
        cell.stream("stdout", "tick\n");
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (frontend.published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("tick\n", frontend.streamText("stdout"));
    }

    @Test
    void stdoutAndStderrKeepTheirInterleavedOrder() {
        CellOutput cell = cell(Long.MAX_VALUE);
        cell.stream("stdout", "1");
        cell.stream("stderr", "2");
        cell.stream("stdout", "3");
        cell.flush();
        List<String> order = frontend.published.stream()
                .map(p -> p.content().get("text").asText())
                .toList();
        assertEquals(List.of("1", "2", "3"), order);
    }

    @Test
    void displaysComeAfterTheTextWrittenBeforeThem() {
        CellOutput cell = cell(Long.MAX_VALUE);
        cell.stream("stdout", "before");
        cell.display(MimeBundle.of("text/html", "<b>x</b>"), "d1", false);
        cell.display(MimeBundle.of("text/html", "<b>y</b>"), "d1", true);
        cell.clearOutput(true);
        assertEquals(List.of("stream", "display_data", "update_display_data", "clear_output"), types());
        assertEquals(
                "d1",
                frontend.published
                        .get(1)
                        .content()
                        .get("transient")
                        .get("display_id")
                        .asText());
    }

    @Test
    void outputPastTheLimitIsCutWithOneNotice() {
        CellOutput cell = cell(100);
        for (int i = 0; i < 1000; i++) {
            cell.stream("stdout", "0123456789");
        }
        cell.flush();
        assertEquals(100, frontend.streamText("stdout").length());
        String notice = frontend.streamText("stderr");
        assertTrue(notice.contains("output truncated") && notice.contains(OutputLimit.PROPERTY), notice);
        assertTrue(cell.isTruncated());
    }

    @Test
    void clearingOutputRestoresTheBudget() {
        CellOutput cell = cell(10);
        cell.stream("stdout", "0123456789AB");
        cell.clearOutput(false);
        cell.stream("stdout", "fresh");
        cell.flush();
        assertTrue(frontend.streamText("stdout").endsWith("fresh"));
    }

    @Test
    void utf8CharactersSplitAcrossWritesArriveWhole() {
        OutputRouter router = new OutputRouter();
        CellOutput cell = cell(Long.MAX_VALUE);
        router.begin(cell);
        byte[] bytes = "é€😀".getBytes(StandardCharsets.UTF_8);
        RoutingOutputStream out =
                new RoutingOutputStream("stdout", router, new PrintedTraces(new CellFrames(frame -> null)));
        for (byte b : bytes) {
            out.write(b);
        }
        new PrintStream(out, true, StandardCharsets.UTF_8).print("!");
        cell.flush();
        assertEquals("é€😀!", frontend.streamText("stdout"));
    }

    @Test
    void aThreadBoundToACellWritesThereEvenWhileAnotherCellRuns() {
        OutputRouter router = new OutputRouter();
        CellOutput first = cell(Long.MAX_VALUE);
        CellOutput second = cell(Long.MAX_VALUE);
        router.begin(second);
        try (var binding = router.bind(first)) {
            assertEquals(first, router.current());
        }
        assertEquals(second, router.current());
        router.end(second);
        assertEquals(second, router.current(), "late unbound output goes to the last cell");
    }
}
