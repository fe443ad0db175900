package org.javaasync.kernel.output;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.testing.ManualScheduler;
import org.javaasync.kernel.testing.RecordingFrontend;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.ExceptionGroup;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's loop exception handler: each error the loop cannot hand to a caller is shown, as asyncio words it, in
 * the cell whose work it concerns (found through the context the runtime runs the handler in), not in the cell that
 * happens to run.
 */
class LoopExceptionHandlerTest {

    private static final Parent FIRST = new Parent() {};
    private static final Parent SECOND = new Parent() {};

    private final RecordingFrontend frontend = new RecordingFrontend();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
    private final OutputRouter router = new OutputRouter();
    private final CellOutputs cells =
            new CellOutputs(frontend, scheduler, scheduler::nanoTime, loop, System::gc, FrameLocator.NONE, router);
    private final TaskRegistry<CellOutput> registry =
            new TaskRegistry<>(loop, CellOutput.class, router::current, c -> false);
    private final List<String> logged = new ArrayList<>();

    LoopExceptionHandlerTest() {
        loop.setTaskObserver(registry);
        loop.setExceptionHandler(new LoopExceptionHandler(registry, router::current, logged::add, FrameLocator.NONE));
        loop.collectionReports().watchUnawaitedCoroutines(true);
        cells.watch(registry);
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private String stderrOf(Parent parent) {
        StringBuilder text = new StringBuilder();
        frontend.sent().stream()
                .filter(m -> m.type().equals("stream")
                        && m.parent() == parent
                        && m.name().equals("stderr"))
                .forEach(m -> text.append(m.text()));
        return text.toString();
    }

    @Test
    void anExceptionInACallbackGoesToTheCellWhoseTaskScheduledItNotToTheRunningOne() {
        CellOutput first = cells.begin(FIRST, 1, false, false);
        var scheduling = loop.createTask(
                async(() -> {
                    getRunningLoopCallSoonFailing();
                    await(sleep(1));
                }),
                "scheduler");
        CellOutput second = cells.begin(SECOND, 2, false, false);
        loop.runUntilComplete(scheduling);
        first.flush();
        second.flush();
        String shown = stderrOf(FIRST);
        assertTrue(shown.startsWith("Exception in callback "), shown);
        assertTrue(shown.contains("\nhandle: "), shown);
        assertTrue(shown.contains("java.lang.IllegalStateException: callback failed"), shown);
        assertEquals("", stderrOf(SECOND));
    }

    private static void getRunningLoopCallSoonFailing() {
        org.javaasync.runtime.Asyncio.getRunningLoop().callSoon(() -> {
            throw new IllegalStateException("callback failed");
        });
    }

    @Test
    void aCollectedCoroutineIsAWarningInTheCellThatCreatedIt() {
        CellOutput first = cells.begin(FIRST, 1, false, false);
        var task = loop.createTask(async(() -> async("fetch", () -> "never run")), "cell[1]");
        CellOutput second = cells.begin(SECOND, 2, false, false);
        loop.runUntilComplete(task);
        task = null;
        System.gc();
        loop.collectionReports().reportCollected();
        first.flush();
        second.flush();
        assertEquals(
                "RuntimeWarning: coroutine 'fetch' was never awaited (did you forget 'await'?)\n", stderrOf(FIRST));
        assertEquals("", stderrOf(SECOND));
    }

    @Test
    void inDebugModeTheWarningSaysWhereTheCoroutineWasCreated() {
        StackTraceElement[] createdAt = {
            new StackTraceElement("REPL.$JShell$4", "fetch", null, 2),
            new StackTraceElement("REPL.$JShell$5", "do_it$", null, 1),
            new StackTraceElement("org.javaasync.runtime.Task", "runBody", null, 90),
        };
        assertEquals(
                """
                RuntimeWarning: coroutine 'fetch' was never awaited (did you forget 'await'?)
                Coroutine created at (most recent call first):
                    at fetch(cell 2, line 2)
                    at <cell>(cell 3, line 1)
                """,
                LoopExceptionHandler.describe(
                        Map.of(
                                "message", "coroutine 'fetch' was never awaited",
                                "coroutine", "<coroutine fetch>",
                                "source_traceback", createdAt),
                        3,
                        frame -> frame.getClassName().endsWith("4") ? "cell 2, line 2" : "cell 3, line 1"));
    }

    @Test
    void aCollectedTaskFailureShowsTheGroupItFailedWithAsATree() {
        IllegalStateException child = new IllegalStateException("child failed");
        child.setStackTrace(new StackTraceElement[] {new StackTraceElement("REPL.$JShell$7", "fetch$async", null, 3)});
        ExceptionGroup group = new ExceptionGroup("unhandled errors in a TaskGroup", List.of(child));
        group.setStackTrace(new StackTraceElement[] {new StackTraceElement("REPL.$JShell$8", "do_it$", null, 4)});
        assertEquals(
                """
                Task exception was never retrieved
                task: 'crawler' (started by cell [6]); await it, or handle the error inside it
                  + Exception Group Traceback (most recent call first):
                  | org.javaasync.runtime.ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
                  |     at <cell>(cell 6, line 4)
                  +-+---------------- 1 ----------------
                    | java.lang.IllegalStateException: child failed
                    |     at fetch(cell 5, line 3)
                    +------------------------------------
                """,
                LoopExceptionHandler.describe(
                        Map.of(
                                "message", "Task exception was never retrieved",
                                "exception", group,
                                "future", "<Task finished name='crawler'>",
                                "task_name", "crawler"),
                        6,
                        frame -> frame.getClassName().endsWith("7") ? "cell 5, line 3" : "cell 6, line 4"));
    }

    @Test
    void aReportBeforeAnyCellGoesToTheKernelLog() {
        loop.callExceptionHandler(Map.of("message", "something went wrong"));
        assertEquals(List.of("something went wrong\n"), logged);
    }
}
