package org.javaasync.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintedTracesTest {

    // Where the evaluator would place these snippet classes' frames.
    private final PrintedTraces traces = new PrintedTraces(new CellFrames(frame -> Map.of(
                    "REPL.$JShell$186", "cell 12, line 3",
                    "REPL.$JShell$184", "cell 11, line 3",
                    "REPL.$JShell$188", "cell 13, line 1")
            .get(frame.getClassName())));

    /** Feeds {@code text} one line per write, as {@code Throwable.printStackTrace} does, and joins what is shown. */
    private String lineByLine(String text) {
        StringBuilder shown = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            shown.append(traces.rewrite(line));
        }
        return shown.toString();
    }

    private static final String PRINTED = """
            java.lang.IndexOutOfBoundsException: Index: 5 Size: 2
            \tat java.base/java.util.ImmutableCollections$List12.get(ImmutableCollections.java:612)
            \tat jshell-snippets//REPL.$JShell$186.brokenStep$async($JShell$186.java:9)
            \tat jshell-snippets//REPL.$JShell$187.lambda$brokenStep$0($JShell$187.java:7)
            \tat org.javaasync.runtime.Coroutine.runInline(Coroutine.java:82)
            \tat org.javaasync.runtime.Asyncio.await(Asyncio.java:267)
            \tat jshell-snippets//REPL.$JShell$184.safeExecute$async($JShell$184.java:9)
            \tat jshell-snippets//REPL.$JShell$185.lambda$safeExecute$0($JShell$185.java:7)
            \tat org.javaasync.runtime.Coroutine.runInline(Coroutine.java:82)
            \tat org.javaasync.runtime.Asyncio.await(Asyncio.java:267)
            \tat jshell-snippets//REPL.$JShell$188.do_it$($JShell$188.java:7)
            \tat java.base/java.lang.reflect.Method.invoke(Method.java:565)
            \tat org.javaasync.kernel.jshell.KernelExecutionControl.call(KernelExecutionControl.java:134)
            \tat org.javaasync.kernel.loop.LoopSnippetRunner.run(LoopSnippetRunner.java:80)
            \tat java.base/java.lang.Thread.run(Thread.java:1474)
            Caused by: java.lang.IllegalStateException: inner
            \tat jshell-snippets//REPL.$JShell$186.brokenStep$async($JShell$186.java:8)
            \t... 12 more
            done
            """;

    private static final String SHOWN = """
            java.lang.IndexOutOfBoundsException: Index: 5 Size: 2
            \tat java.base/java.util.ImmutableCollections$List12.get(ImmutableCollections.java:612)
            \tat brokenStep(cell 12, line 3)
            \tat safeExecute(cell 11, line 3)
            \tat <cell>(cell 13, line 1)
            Caused by: java.lang.IllegalStateException: inner
            \tat brokenStep(cell 12, line 3)
            \t... 12 more
            done
            """;

    @Test
    void aTracePrintedLineByLineShowsCellFramesAsWrittenWithoutTheLoopBetweenThemAndNothingBelowTheLast() {
        assertEquals(SHOWN, lineByLine(PRINTED));
    }

    @Test
    void theExceptionOfACellClassIsNamedAsWritten() {
        String printed = "REPL.$JShell$23$Boom: x\n"
                + "\tat jshell-snippets//REPL.$JShell$188.do_it$($JShell$188.java:7)\n"
                + "\tat java.base/java.lang.reflect.Method.invoke(Method.java:565)\n"
                + "Caused by: REPL.$JShell$23$Boom: y\n";
        assertEquals("Boom: x\n\tat <cell>(cell 13, line 1)\nCaused by: Boom: y\n", lineByLine(printed));
    }

    @Test
    void aTraceWrittenInOneChunkAsALoggerDoesReadsTheSame() {
        assertEquals(SHOWN, traces.rewrite(PRINTED));
    }

    @Test
    void framesBelowTheLastCellFrameAreNeverShownEvenWhenNothingFollowsThem() {
        assertEquals("""
                boom
                \tat <cell>(cell 13, line 1)
                """, lineByLine("""
                boom
                \tat jshell-snippets//REPL.$JShell$188.do_it$($JShell$188.java:7)
                \tat java.base/java.lang.reflect.Method.invoke(Method.java:565)
                \tat org.javaasync.kernel.loop.LoopSnippetRunner.run(LoopSnippetRunner.java:80)
                """));
    }

    @Test
    void tracesWithoutCellCodeAndOtherOutputPassUnchanged() {
        String text = """
                java.lang.IllegalStateException: x
                \tat com.lib.Client.send(Client.java:10)
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                  at 3 o'clock
                partial line without newline""";
        assertEquals(text, lineByLine(text));
        assertEquals(text, traces.rewrite(text));
    }

    @Test
    void libraryFramesBetweenTwoCellFramesAreKeptWhenTheSecondArrivesInALaterWrite() {
        assertEquals(
                "\tat brokenStep(cell 12, line 3)\n",
                traces.rewrite("\tat jshell-snippets//REPL.$JShell$186.brokenStep$async($JShell$186.java:9)\n"));
        assertEquals(
                "",
                traces.rewrite(
                        "\tat java.base/java.util.stream.ReferencePipeline.forEach(ReferencePipeline.java:1)\n"));
        assertEquals(
                """
                \tat java.base/java.util.stream.ReferencePipeline.forEach(ReferencePipeline.java:1)
                \tat safeExecute(cell 11, line 3)
                """, traces.rewrite("\tat jshell-snippets//REPL.$JShell$184.safeExecute$async($JShell$184.java:9)\n"));
    }
}
