package org.javaasync.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CellFramesTest {

    // Where the evaluator would place these snippet classes' frames.
    private final CellFrames frames = new CellFrames(frame -> Map.of(
                    "REPL.$JShell$23", "cell 5, line 3",
                    "REPL.$JShell$160", "cell 23, line 3")
            .get(frame.getClassName()));

    @Test
    void aDebugReportShowsCellFramesAsWrittenAndNothingBelowThem() {
        String report = """
                Executing <Task slow-step> took 0.300 seconds: it blocked the event loop.
                  while it was running, it was at:
                \tat jshell-snippets//REPL.$JShell$23.busy($JShell$23.java:10)
                \tat jshell-snippets//REPL.$JShell$160.slowStep$async($JShell$160.java:9)
                \tat jshell-snippets//REPL.$JShell$161.lambda$slowStep$0($JShell$161.java:7)
                \tat org.javaasync.runtime.Task.runBody(Task.java:90)
                \tat java.base/java.lang.VirtualThread.run(VirtualThread.java:460)
                """;
        assertEquals("""
                Executing <Task slow-step> took 0.300 seconds: it blocked the event loop.
                  while it was running, it was at:
                \tat busy(cell 5, line 3)
                \tat slowStep(cell 23, line 3)
                """, frames.rewrite(report));
    }

    @Test
    void libraryFramesAboveCellCodeStayAsPrintedAndUnplacedFramesSaySo() {
        String report = """
                boom
                \tat java.base/java.util.Objects.requireNonNull(Objects.java:233)
                \tat jshell-snippets//REPL.$JShell$99.check($JShell$99.java:4)
                \tat jshell-snippets//REPL.$JShell$99.do_it$($JShell$99.java:9)
                \tat org.javaasync.kernel.jshell.KernelExecutionControl.call(KernelExecutionControl.java:134)""";
        assertEquals("""
                boom
                \tat java.base/java.util.Objects.requireNonNull(Objects.java:233)
                \tat check(cell code)
                \tat <cell>(cell code)""", frames.rewrite(report));
    }

    @Test
    void tracesWithoutCellCodeAndOtherLinesAreLeftAlone() {
        String report = """
                Exception in callback
                java.lang.IllegalStateException: x
                \tat com.lib.Client.send(Client.java:10)
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                  at 3 o'clock
                """;
        assertEquals(report, frames.rewrite(report));
    }
}
