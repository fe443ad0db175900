package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class RuntimeErrorTrimmingTest extends EvaluatorTestBase {

    private static EvalOutcome.Error runtimeError(String cell) {
        return errorOf(EvalOutcome.Kind.RUNTIME, cell);
    }

    @Test
    void theTraceShowsTheUsersFramesAsCellLines() {
        EvalOutcome.Error error =
                runtimeError("int divide(int a, int b) {\n    return a / b;\n}\nint k = 3;\ndivide(k, 0)");
        assertEquals("java.lang.ArithmeticException", error.ename());
        assertEquals("/ by zero", error.evalue());
        assertEquals(
                List.of("java.lang.ArithmeticException: / by zero", "    at divide(line 2)", "    at <cell>(line 5)"),
                error.traceback());
    }

    @Test
    void anAsyncMethodsFramesReadAsTheUserWroteIt() {
        EvalOutcome.Error error = runtimeError("""
                async int boom(int n) {
                    await sleep(0);
                    throw new IllegalStateException("boom " + n);
                }
                Asyncio.run(boom(1))
                """);
        String trace = String.join("\n", error.traceback());
        assertTrue(trace.contains("    at boom(line 3)"), trace);
        assertFalse(trace.contains("$async"), trace);
        assertFalse(trace.contains("lambda$boom"), trace);
    }

    @Test
    void aTimeoutShowsTheCellsLineAndCountsTheRuntimesFramesInsteadOfListingThem() {
        EvalOutcome.Error error = runtimeError("""
                async void slow() {
                    await sleep(5);
                }
                Asyncio.run(async(() -> await(waitFor(slow(), 0.01))))
                """);
        assertEquals("org.javaasync.runtime.TimeoutError", error.ename());
        String trace = String.join("\n", error.traceback());
        assertTrue(trace.matches("(?s).*\n    \\.\\.\\. \\d+ frames of org\\.javaasync\\.runtime\n.*"), trace);
        assertFalse(trace.contains("at org.javaasync.runtime."), trace);
        assertTrue(trace.contains("    at lambda in <cell>(line 4)"), trace);
        assertTrue(trace.contains("Caused by: org.javaasync.runtime.CancelledError"), trace);
        assertTrue(trace.contains("    at slow(line 2)"), trace);
    }

    @Test
    void aRawFrameOfCellCodeIsPlacedAtItsCellAndLine() {
        EvaluationTest.value(
                evaluator.eval("Exception made() {\n    return new IllegalStateException(\"later\");\n}\n1"));
        Exception made = (Exception) EvaluationTest.value(evaluator.eval("made()"));
        StackTraceElement frame = Arrays.stream(made.getStackTrace())
                .filter(f -> f.getMethodName().equals("made"))
                .findFirst()
                .orElseThrow();
        assertTrue(frame.getClassName().startsWith("REPL."), frame.toString());
        assertTrue(evaluator.locate(frame).matches("cell \\d+, line 2"), evaluator.locate(frame));
        assertEquals(null, evaluator.locate(made.getStackTrace()[made.getStackTrace().length - 1]));
    }

    @Test
    void aFrameIsPlacedWithoutWaitingWhileAnotherThreadHoldsJShell() throws Exception {
        EvaluationTest.value(
                evaluator.eval("Exception madeLater() {\n    return new IllegalStateException(\"x\");\n}\n1"));
        Exception made = (Exception) EvaluationTest.value(evaluator.eval("madeLater()"));
        StackTraceElement frame = Arrays.stream(made.getStackTrace())
                .filter(f -> f.getMethodName().equals("madeLater"))
                .findFirst()
                .orElseThrow();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread compiler = Thread.ofPlatform()
                .start(() -> evaluator.holdingJShellLock(() -> {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        held.await();
        try {
            // Without the wrappers captured at load time, locate gives up on the lock and places nothing.
            String where = evaluator.locate(frame);
            assertTrue(where != null && where.matches("cell \\d+, line 2"), where);
        } finally {
            release.countDown();
            compiler.join();
        }
    }

    @Test
    void libraryFramesAboveTheUsersCodeStayAndKernelFramesBelowGo() {
        EvalOutcome.Error error = runtimeError("String input = \"xx\";\nInteger.parseInt(input)");
        assertTrue(error.traceback().get(1).contains("java.lang.NumberFormatException.forInputString"));
        assertEquals("    at <cell>(line 2)", error.traceback().getLast());
        assertFalse(String.join("\n", error.traceback()).contains("reflect"));
        assertFalse(String.join("\n", error.traceback()).contains("javaasync"));
    }

    @Test
    void causesAreIncludedWithTheirOwnFrames() {
        EvalOutcome.Error error = runtimeError("""
                void inner() { throw new IllegalArgumentException("deep"); }
                void outer() {
                    try {
                        inner();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("wrapped", e);
                    }
                }
                outer();
                """);
        List<String> trace = error.traceback();
        assertEquals("java.lang.IllegalStateException: wrapped", trace.get(0));
        assertTrue(
                trace.contains("Caused by: java.lang.IllegalArgumentException: deep"), () -> String.join("\n", trace));
        assertTrue(trace.contains("    at inner(line 1)"));
        assertTrue(trace.contains("    at outer(line 6)"));
        assertTrue(trace.contains("    at <cell>(line 9)"));
    }

    @Test
    void framesOfEarlierCellsNameTheirCell() {
        evaluator.eval("void failsLater() {\n    throw new UnsupportedOperationException(\"not yet\");\n}");
        EvalOutcome.Error error = runtimeError("failsLater()");
        assertTrue(
                error.traceback().get(1).matches("    at failsLater\\(cell \\d+, line 2\\)"),
                () -> String.join("\n", error.traceback()));
    }

    @Test
    void aUserExceptionClassIsNamedAsTheUserWroteIt() {
        EvalOutcome.Error error = runtimeError(
                "class NotReady extends RuntimeException { NotReady() { super(\"later\"); } }\nthrow new NotReady();");
        assertTrue(error.ename().endsWith("NotReady"), error.ename());
        assertEquals("later", error.evalue());
    }

    @Test
    void aStackOverflowIsReportedShortlyAndTheNextCellRuns() {
        EvalOutcome.Error error = runtimeError("int forever(int n) { return forever(n + 1) + 1; }\nforever(0)");
        assertEquals("java.lang.StackOverflowError", error.ename());
        assertEquals("    at forever(line 1)", error.traceback().get(1));
        assertTrue(error.traceback().size() < 10, () -> String.join("\n", error.traceback()));
        assertEquals(2, EvaluationTest.value(evaluator.eval("1 + 1")));
    }

    @Test
    void anOutOfMemoryErrorIsReportedAndTheNextCellRuns() {
        EvalOutcome.Error error = runtimeError("""
                List<long[]> hog = new ArrayList<>();
                while (true) { hog.add(new long[16_000_000]); }
                """);
        assertEquals("java.lang.OutOfMemoryError", error.ename());
        evaluator.eval("hog = null;");
        assertEquals(2, EvaluationTest.value(evaluator.eval("1 + 1")));
    }
}
