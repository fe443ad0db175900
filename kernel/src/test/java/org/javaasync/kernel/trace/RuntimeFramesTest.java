package org.javaasync.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeFramesTest {

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, "F.java", 1);
    }

    private static final StackTraceElement RAISED = frame("org.javaasync.runtime.Timeout", "timeoutError");
    private static final StackTraceElement RUN = frame("org.javaasync.runtime.Timeout", "run");
    private static final StackTraceElement AWAIT = frame("org.javaasync.runtime.Asyncio", "await");
    private static final StackTraceElement LIB = frame("java.util.ArrayList", "forEach");
    private static final StackTraceElement FETCH = frame("REPL.$JShell$12", "fetch$async");
    private static final StackTraceElement CELL = frame("REPL.$JShell$13", "do_it$");

    private static List<RuntimeFrames.Shown> shown(StackTraceElement... stack) {
        return RuntimeFrames.shown(List.of(stack), f -> f.getClassName().startsWith("REPL."));
    }

    @Test
    void runtimeFramesAboveTheCellAreFoldedIntoOneCountedLine() {
        assertEquals(
                List.of(new RuntimeFrames.Folded(3), new RuntimeFrames.Frame(CELL)), shown(RAISED, RUN, AWAIT, CELL));
        assertEquals("... 3 frames of org.javaasync.runtime", new RuntimeFrames.Folded(3).text());
        assertEquals("... 1 frame of org.javaasync.runtime", new RuntimeFrames.Folded(1).text());
    }

    @Test
    void runtimeFramesBetweenCellFramesAreLeftOutAndLibraryFramesStay() {
        assertEquals(
                List.of(new RuntimeFrames.Frame(FETCH), new RuntimeFrames.Frame(LIB), new RuntimeFrames.Frame(CELL)),
                shown(FETCH, RUN, AWAIT, LIB, AWAIT, CELL));
    }

    @Test
    void aTraceWithoutCellFramesFoldsEachRunOfRuntimeFrames() {
        assertEquals(
                List.of(new RuntimeFrames.Folded(2), new RuntimeFrames.Frame(LIB), new RuntimeFrames.Folded(1)),
                shown(RAISED, RUN, LIB, AWAIT));
    }
}
