package org.javaasync.kernel.output;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.testing.ManualScheduler;
import org.javaasync.kernel.testing.RecordingFrontend;
import org.javaasync.kernel.testing.RecordingFrontend.Sent;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cell's output through its whole life: coalesced text while it runs, then the display it leaves for tasks that
 * outlive it, updated and finished. Flushes and updates run on a {@link ManualScheduler}, tasks on a loop with a
 * virtual clock: every assertion is exact, nothing sleeps.
 */
class CellOutputTest {

    private static final Parent FIRST = new Parent() {};
    private static final Parent SECOND = new Parent() {};

    private final RecordingFrontend frontend = new RecordingFrontend();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
    private final OutputRouter router = new OutputRouter();
    private final CellOutputs cells =
            new CellOutputs(frontend, scheduler, scheduler::nanoTime, loop, FrameLocator.NONE, router);
    private final TaskRegistry<CellOutput> registry =
            new TaskRegistry<>(loop, CellOutput.class, router::current, c -> false);

    CellOutputTest() {
        loop.setTaskObserver(registry);
        cells.watch(registry);
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private CellOutput begin(Parent parent, int count) {
        return cells.begin(parent, count, false, false);
    }

    private Task<?> task(String name, AsyncRunnable body) {
        return loop.createTask(async(body), name);
    }

    @Test
    void manySmallWritesGoOutAsOneMessageWhenTheFlushIsDue() {
        CellOutput cell = begin(FIRST, 1);
        for (int i = 0; i < 1000; i++) {
            cell.stream("stdout", "line " + i + "\n");
        }
        assertEquals(List.of(), frontend.types(), "nothing before the flush delay");
        scheduler.advance(CellOutput.FLUSH_MILLIS);
        assertEquals(List.of("stream"), frontend.types());
        assertTrue(frontend.streamText("stdout").endsWith("line 999\n"));
        assertSame(FIRST, frontend.sent().getFirst().parent());
    }

    @Test
    void aFullBufferGoesOutAtOnce() {
        CellOutput cell = begin(FIRST, 1);
        cell.stream("stdout", "x".repeat(CellOutput.MAX_CHUNK));
        assertEquals(List.of("stream"), frontend.types());
    }

    @Test
    void stdoutAndStderrKeepTheOrderTheyWereWrittenIn() {
        CellOutput cell = begin(FIRST, 1);
        cell.stream("stdout", "1");
        cell.stream("stderr", "2");
        cell.stream("stdout", "3");
        cell.flush();
        assertEquals(
                List.of("stdout:1", "stderr:2", "stdout:3"),
                frontend.sent().stream().map(s -> s.name() + ":" + s.text()).toList());
    }

    @Test
    void displaysResultsAndErrorsComeAfterTheTextWrittenBeforeThem() {
        CellOutput cell = begin(FIRST, 7);
        cell.stream("stdout", "before");
        cell.display(MimeBundle.of("text/html", "<b>x</b>"), "d1", false);
        cell.display(MimeBundle.of("text/html", "<b>y</b>"), "d1", true);
        cell.clearOutput(true);
        cell.stream("stdout", "after");
        cell.result(MimeBundle.of("text/plain", "42"));
        cell.error(new ErrorReport("E", "boom", List.of("E: boom")));
        assertEquals(
                List.of(
                        "stream",
                        "display_data",
                        "update_display_data",
                        "clear_output",
                        "stream",
                        "execute_result",
                        "error"),
                frontend.types());
        assertEquals(7, frontend.last("execute_result").executionCount());
    }

    @Test
    void textPastTheLimitIsDroppedAfterOneNoticeAndAClearMakesRoomAgain() {
        CellOutput cell = cells.begin(FIRST, 1, false, false);
        CellOutput limited = new CellOutput(FIRST, 2, false, false, 10, cells);
        limited.stream("stdout", "0123456789abc");
        limited.stream("stdout", "more");
        assertTrue(limited.isTruncated());
        assertEquals("0123456789", frontend.streamText("stdout"));
        assertTrue(frontend.streamText("stderr").contains("[output truncated"), frontend.streamText("stderr"));
        limited.clearOutput(false);
        limited.stream("stdout", "again");
        limited.flush();
        assertEquals("0123456789again", frontend.streamText("stdout"));
        assertSame(cell, router.executing());
    }

    @Test
    void aCellWhoseTasksAreAllDoneLeavesNoDisplay() {
        CellOutput cell = begin(FIRST, 1);
        loop.runUntilComplete(task("quick", () -> await(sleep(0.1))));
        cells.end(cell);
        scheduler.advance(1000);
        assertEquals(List.of(), frontend.types());
        assertNull(router.executing());
    }

    @Test
    void aTaskThatOutlivesItsCellWritesIntoADisplayLeftInTheCell() {
        CellOutput cell = begin(FIRST, 1);
        Task<?> bg = task("bg", () -> {
            await(sleep(1));
            cell.stream("stdout", "late line\n");
        });
        cells.end(cell);
        Sent opened = frontend.last("display_data");
        assertNotNull(opened, "the cell keeps a display for its running task");
        assertTrue(opened.plain().endsWith("⏳ 1 task of this cell still running: bg"), opened.plain());
        loop.runUntilComplete(bg);
        assertEquals(List.of("display_data"), frontend.types(), "updates wait for the update period");
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        Sent update = frontend.last("update_display_data");
        assertEquals(opened.displayId(), update.displayId());
        assertEquals("late line\n✔ 1 background task finished in 0.1 s", update.plain());
        assertTrue(((String) update.bundle().data().get("text/html")).contains("late line"));
        assertEquals(List.of(), frontend.ofType("stream"), "no stream after the cell's end");
    }

    @Test
    void updatesOfABusyDisplayAreCoalescedToOnePerPeriod() {
        CellOutput cell = begin(FIRST, 1);
        Task<?> bg = task("bg", () -> await(sleep(10)));
        cells.end(cell);
        for (int i = 0; i < 100; i++) {
            cell.stream("stdout", "tick " + i + "\n");
        }
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertEquals(1, frontend.ofType("update_display_data").size());
        assertTrue(frontend.last("update_display_data").plain().contains("tick 99\n"));
        bg.cancel();
        loop.runUntilComplete(loop.createTask(async(() -> await(sleep(0))), "settle"));
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertTrue(
                frontend.last("update_display_data").plain().endsWith("(1 cancelled)"),
                frontend.last("update_display_data").plain());
    }

    @Test
    void aFailureNobodyRetrievedIsReportedWhenTheCellEnds() {
        CellOutput cell = begin(FIRST, 3);
        task("doomed", () -> {
            throw new IllegalStateException("no connection");
        });
        loop.runUntilComplete(task("meanwhile", () -> await(sleep(0.1))));
        cells.end(cell);
        String reported = frontend.streamText("stderr");
        assertTrue(reported.startsWith("Task exception was never retrieved\n"), reported);
        assertTrue(reported.contains("'doomed' (started by cell [3])"), reported);
        assertTrue(reported.contains("IllegalStateException: no connection"), reported);
    }

    @Test
    void aBackgroundFailureIsReportedOnceItsGracePeriodIsOverUnlessSomeoneRetrievedIt() {
        CellOutput cell = begin(FIRST, 1);
        Task<?> doomed = task("doomed", () -> {
            await(sleep(1));
            throw new IllegalStateException("late failure");
        });
        Task<?> retrieved = task("handled", () -> {
            await(sleep(1));
            throw new IllegalStateException("handled failure");
        });
        Task<?> longLived = task("long", () -> await(sleep(100)));
        cells.end(cell);
        loop.runUntilComplete(loop.createTask(async(() -> await(sleep(2))), "wait"));
        loop.runUntilComplete(loop.createTask(async(() -> retrieved.exception()), "retriever"));
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertTrue(!frontend.last("update_display_data").plain().contains("late failure"), "still within grace");
        scheduler.advance(1100);
        String shown = frontend.last("update_display_data").plain();
        assertTrue(shown.contains("Task exception was never retrieved"), shown);
        assertTrue(shown.contains("late failure"), shown);
        assertTrue(!shown.contains("handled failure"), shown);
        assertTrue(shown.endsWith("still running: long"), shown);
        longLived.cancel();
    }

    @Test
    void anOpenDisplayIsPublishedAgainUnderTheNextCellAndUpdatedUnderIt() {
        CellOutput first = begin(FIRST, 1);
        Task<?> bg = task("bg", () -> await(sleep(10)));
        cells.end(first);
        frontend.clear();
        CellOutput second = begin(SECOND, 2);
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        Sent republished = frontend.last("update_display_data");
        assertSame(SECOND, republished.parent(), "updates go out under the executing cell's request");
        cells.end(second);
        first.stream("stdout", "later\n");
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertSame(FIRST, frontend.last("update_display_data").parent(), "no cell executes: the cell's own request");
        bg.cancel();
    }

    @Test
    void outputAfterTheCellFinishedOpensADisplayInThatCell() {
        CellOutput cell = begin(FIRST, 1);
        cells.end(cell);
        cell.stream("stdout", "from a thread the cell left running\n");
        Sent opened = frontend.last("display_data");
        assertNotNull(opened);
        assertSame(FIRST, opened.parent());
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertEquals(
                "from a thread the cell left running\n(written after the cell ended)",
                frontend.last("update_display_data").plain());
    }

    @Test
    void aNewTaskOfAFinishedCellReopensItsBackground() {
        CellOutput cell = begin(FIRST, 1);
        cells.end(cell);
        router.bind(cell); // the creating thread belongs to the cell, as a thread the cell started does
        Task<?> late = task("late", () -> await(sleep(1)));
        Sent opened = frontend.last("display_data");
        assertTrue(opened.plain().endsWith("still running: late"), opened.plain());
        loop.runUntilComplete(late);
        scheduler.advance(CellOutput.UPDATE_MILLIS);
        assertTrue(frontend.last("update_display_data").plain().startsWith("✔ 1 background task finished"));
    }

    @Test
    void aSilentCellNeverLeavesADisplay() {
        CellOutput cell = cells.begin(FIRST, 1, false, true);
        task("bg", () -> await(sleep(10)));
        cells.end(cell);
        assertEquals(List.of(), frontend.types());
    }

    @Test
    void anUpdateOfADisplayShownWhileTheCellRanGoesStraightToIt() {
        CellOutput cell = begin(FIRST, 1);
        cell.display(MimeBundle.of("text/plain", "0%"), "progress", false);
        task("bg", () -> await(sleep(10)));
        cells.end(cell);
        cell.display(MimeBundle.of("text/plain", "50%"), "progress", true);
        Sent update = frontend.last("update_display_data");
        assertEquals("progress", update.displayId());
        assertEquals("50%", update.plain());
    }

    @Test
    void aTaskThatFinishedAsTheCellEndedIsNotABackgroundTaskEvenIfItsDoneEventComesLate() {
        CellOutput cell = begin(FIRST, 1);
        EventLoop other = EventLoop.builder().clock(new VirtualClock()).build(); // its events do not reach the cell
        try {
            Task<?> own = other.createTask(async(() -> await(sleep(0.1))), "cell[1]");
            other.runUntilComplete(own);
            cell.taskCreated(own); // known to the cell, done, its done event not delivered yet
            cells.end(cell);
            cell.taskDone(own); // the late event
            scheduler.advance(1000);
            assertEquals(List.of(), frontend.types(), "no display for a cell whose tasks ended with it");
        } finally {
            other.close();
        }
    }
}
