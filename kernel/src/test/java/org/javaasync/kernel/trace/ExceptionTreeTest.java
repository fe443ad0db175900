package org.javaasync.kernel.trace;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.ExceptionGroup;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TimeoutError;
import org.javaasync.runtime.VirtualClock;
import org.junit.jupiter.api.Test;

/** Exceptions as the kernel shows them: Python 3.11's exception-group tree, awaits, causes, suppressed. */
class ExceptionTreeTest {

    /** Each stack shown as its first method: the tree's shape is what is tested here. */
    private static List<String> firstFrame(StackTraceElement[] stack) {
        return stack.length == 0 ? List.of() : List.of("    at " + stack[0].getMethodName());
    }

    private static String lines(Throwable thrown) {
        return String.join(
                        "\n",
                        ExceptionTree.lines(
                                thrown, t -> ExceptionTree.headline(t, f -> null), ExceptionTreeTest::firstFrame))
                + "\n";
    }

    private static <T extends Throwable> T at(String method, T thrown) {
        thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement("REPL.$JShell$3", method, null, 1)});
        return thrown;
    }

    @Test
    void aGroupShowsEachSubExceptionInItsOwnNumberedBoxAsPythonDoes() {
        ExceptionGroup group = at(
                "cell",
                new ExceptionGroup(
                        "unhandled errors in a TaskGroup",
                        List.of(
                                at("worker", new IllegalStateException("boom")),
                                at("other", new IllegalArgumentException("bad")))));
        assertEquals("""
                  + Exception Group Traceback (most recent call first):
                  | org.javaasync.runtime.ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)
                  |     at cell
                  +-+---------------- 1 ----------------
                    | java.lang.IllegalStateException: boom
                    |     at worker
                    +---------------- 2 ----------------
                    | java.lang.IllegalArgumentException: bad
                    |     at other
                    +------------------------------------
                """, lines(group));
    }

    @Test
    void aNestedGroupIsIndentedOneLevelMoreAndClosesTheBoxWhenItComesLast() {
        ExceptionGroup inner =
                at("inner", new ExceptionGroup("nested", List.of(at("deep", new IllegalStateException("2")))));
        ExceptionGroup outer = at(
                "outer", new ExceptionGroup("many failures", List.of(at("first", new RuntimeException("1")), inner)));
        assertEquals("""
                  + Exception Group Traceback (most recent call first):
                  | org.javaasync.runtime.ExceptionGroup: many failures (2 sub-exceptions)
                  |     at outer
                  +-+---------------- 1 ----------------
                    | java.lang.RuntimeException: 1
                    |     at first
                    +---------------- 2 ----------------
                    | Exception Group Traceback (most recent call first):
                    | org.javaasync.runtime.ExceptionGroup: nested (1 sub-exception)
                    |     at inner
                    +-+---------------- 1 ----------------
                      | java.lang.IllegalStateException: 2
                      |     at deep
                      +------------------------------------
                """, lines(outer));
    }

    @Test
    void aSubExceptionKeepsItsCauseInsideItsBox() {
        ExceptionGroup group = at(
                "cell",
                new ExceptionGroup(
                        "unhandled errors in a TaskGroup",
                        List.of(at(
                                "fetch",
                                new IllegalStateException(
                                        "fetch failed", at("read", new java.io.IOException("reset")))))));
        assertEquals("""
                  + Exception Group Traceback (most recent call first):
                  | org.javaasync.runtime.ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
                  |     at cell
                  +-+---------------- 1 ----------------
                    | java.lang.IllegalStateException: fetch failed
                    |     at fetch
                    | Caused by: java.io.IOException: reset
                    |     at read
                    +------------------------------------
                """, lines(group));
    }

    @Test
    void pastFifteenSubExceptionsTheRestAreCounted() {
        List<Throwable> failures = new ArrayList<>();
        IntStream.range(0, 17).forEach(i -> failures.add(at("w" + i, new RuntimeException("f" + i))));
        List<String> shown =
                List.of(lines(at("cell", new ExceptionGroup("eg", failures))).split("\n"));
        assertEquals("    +---------------- 15 ----------------", shown.get(shown.size() - 6));
        assertEquals(
                List.of(
                        "    +---------------- ... ----------------",
                        "    | and 2 more exceptions",
                        "    +------------------------------------"),
                shown.subList(shown.size() - 3, shown.size()));
    }

    @Test
    void aSuppressedExceptionIsShownIndentedAndAGroupsOwnAreNotRepeated() {
        IllegalStateException block = at("block", new IllegalStateException("the block failed"));
        block.addSuppressed(at("child", new IllegalArgumentException("a child failed too")));
        assertEquals("""
                java.lang.IllegalStateException: the block failed
                    at block
                    Suppressed: java.lang.IllegalArgumentException: a child failed too
                        at child
                """, lines(block));
        ExceptionGroup group = at("cell", new ExceptionGroup("eg", List.of(at("w", new RuntimeException("x")))));
        assertEquals(1, group.getSuppressed().length, "a group keeps its failures as suppressed too");
        assertEquals(1, lines(group).split("RuntimeException: x", -1).length - 1, "shown once, in its box");
    }

    @Test
    void aFailureAwaitedFromAnotherTaskShowsTheTasksLinesThenTheAwaitingLines() {
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
        IllegalStateException boom = new IllegalStateException("boom");
        Asyncio.run(
                async(() -> {
                    Task<Void> failing = createTask(async(() -> {
                        await(sleep(1));
                        throw boom;
                    }));
                    assertThrows(IllegalStateException.class, () -> await(failing));
                }),
                loop);
        boom.setStackTrace(new StackTraceElement[] {new StackTraceElement("REPL.$JShell$3", "failing", null, 2)});
        List<String> shown = List.of(lines(boom).split("\n"));
        assertEquals(
                List.of("java.lang.IllegalStateException: boom", "    at failing", "    " + ExceptionTree.AWAITED),
                shown.subList(0, 3));
        assertTrue(
                shown.get(3).startsWith("    at lambda$aFailureAwaitedFromAnotherTask"), "the awaiting line: " + shown);
    }

    @Test
    void aTimeoutErrorOfTheRuntimeSaysWhereItsDeadlineWasSet() {
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
        TimeoutError timeout =
                Asyncio.run(async(() -> assertThrows(TimeoutError.class, () -> await(waitFor(sleep(10), 0.3)))), loop);
        assertEquals(
                "org.javaasync.runtime.TimeoutError: timed out after 0.3 s (waitFor at cell 5, line 3)",
                ExceptionTree.headline(timeout, frame -> "cell 5, line 3"));
        assertEquals(
                "org.javaasync.runtime.TimeoutError: timed out after 0.3 s (waitFor)",
                ExceptionTree.headline(timeout, frame -> null),
                "a place that cannot be found is left out");
    }
}
