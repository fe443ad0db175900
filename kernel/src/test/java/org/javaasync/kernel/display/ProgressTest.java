package org.javaasync.kernel.display;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live progress bar of long gathers, in virtual time, against the display test double. */
class ProgressTest {

    /** A display as the sink got it, with the loop time it came at. */
    record Shown(double at, String text, String html, String displayId, boolean update) {}

    private final EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
    private final List<Shown> shown = new CopyOnWriteArrayList<>();
    private final RecordingSink other = new RecordingSink();
    private final OutputSink sink = new OutputSink() {
        @Override
        public void stream(String name, String text) {}

        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
            shown.add(new Shown(
                    loop.time(),
                    (String) bundle.data().get("text/plain"),
                    (String) bundle.data().get("text/html"),
                    displayId,
                    update));
        }

        @Override
        public void clearOutput(boolean wait) {}
    };

    @AfterEach
    void tearDown() {
        Output.setSink(null);
        loop.close();
    }

    private void runCell(AsyncRunnable body) {
        Output.setSink(sink);
        loop.runUntilComplete(loop.createTask(async(body)));
    }

    private static List<Coroutine<Integer>> finishingEvery10ms(int count) {
        List<Coroutine<Integer>> work = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int k = i;
            work.add(async(() -> await(sleep(0.01 * k, k))));
        }
        return work;
    }

    @Test
    void aGatherShowsABarThenAtMostTenUpdatesASecondThenItsFinalState() {
        List<Object> results = new ArrayList<>();
        runCell(() -> results.addAll(await(Progress.progressGather("work", finishingEvery10ms(100)))));
        assertEquals(100, results.size());
        assertEquals(1, results.getFirst());
        Shown first = shown.getFirst();
        assertFalse(first.update());
        assertEquals("work " + "░".repeat(24) + " 0/100 done, 0.0 s", first.text());
        assertTrue(
                shown.stream().skip(1).allMatch(s -> s.update() && s.displayId().equals(first.displayId())));
        for (int i = 1; i < shown.size() - 1; i++) {
            double gap = shown.get(i).at() - shown.get(i - 1).at();
            assertTrue(
                    gap >= ProgressBar.MIN_INTERVAL_SECONDS - 1e-9,
                    "update " + i + " came " + gap + " s after the last");
        }
        assertTrue(shown.size() <= 1 + 10 + 1, shown.size() + " displays for 1 s of work");
        Shown last = shown.getLast();
        assertEquals("work " + "█".repeat(24) + " 100/100 done, 1.0 s", last.text());
        assertTrue(last.html().contains("width:100.0%") && last.html().contains("100/100 done, 1.0 s"), last.html());
    }

    @Test
    void aFailedChildIsCountedAndTheGathersFailureIsTheFinalState() {
        List<Throwable> thrown = new ArrayList<>();
        runCell(() -> {
            List<Coroutine<Integer>> work = new ArrayList<>(finishingEvery10ms(3));
            work.add(async(() -> {
                await(sleep(0.5));
                throw new IllegalStateException("boom");
            }));
            try {
                await(Progress.progressGather("work", work));
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
        });
        assertEquals(1, thrown.size());
        assertEquals(
                "work " + "█".repeat(24) + " 4/4 done, 1 failed, 0.5 s — failed: IllegalStateException: boom",
                shown.getLast().text());
        assertTrue(shown.getLast().html().contains("#d62728"), shown.getLast().html());
    }

    @Test
    void cancellingTheGatherShowsCancelledAtOnce() {
        runCell(() -> {
            var all = Progress.progressGather("slow", List.of(sleep(5), sleep(10)));
            await(sleep(1));
            all.cancel();
            assertThrows(CancelledError.class, () -> await(all));
        });
        assertEquals(
                "slow " + "░".repeat(24) + " 0/2 done, 1.0 s — cancelled",
                shown.getLast().text());
    }

    @Test
    void laterUpdatesGoToTheCellThatCreatedTheBarWhereverTheyComeFrom() {
        runCell(() -> {
            ProgressBar bar = Progress.progressBar("steps", 2);
            Output.setSink(other); // what another cell would see as the current sink
            bar.advance();
            await(sleep(1));
            bar.advance();
            bar.finish();
        });
        assertTrue(other.displays.isEmpty());
        assertEquals(
                List.of(false, true, true, true),
                shown.stream().map(Shown::update).toList());
        assertEquals(
                "steps " + "█".repeat(24) + " 2/2 done, 1.0 s", shown.getLast().text());
    }

    @Test
    void anUpdateThatComesTooSoonIsShownWhenTheIntervalEnds() {
        runCell(() -> {
            ProgressBar bar = Progress.progressBar("", 3);
            bar.advance(); // at 0.0: too soon after the first display, deferred to 0.1
            bar.advance();
            await(sleep(0.5));
            bar.advance();
            bar.finish();
        });
        assertEquals(List.of(0.0, 0.1, 0.5, 0.5), shown.stream().map(Shown::at).toList());
        assertEquals(
                "░".repeat(24).replaceFirst("░{16}", "█".repeat(16)) + " 2/3 done, 0.1 s",
                shown.get(1).text());
    }
}
