package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class SystemExitTest extends EvaluatorTestBase {

    private static EvalOutcome.Error exitError(String cell) {
        return errorOf(EvalOutcome.Kind.EXIT, cell);
    }

    @Test
    void systemExitIsAnErrorAndTheKernelKeepsRunning() {
        EvalOutcome.Error error = exitError("System.out.print(\"\");\nSystem.exit(3);");
        assertEquals("System.exit(3) was called; the kernel keeps running", error.evalue());
        assertEquals(
                "SystemExit: System.exit(3) was called; the kernel keeps running",
                error.traceback().get(0));
        assertEquals("    at <cell>(line 2)", error.traceback().get(1));
        assertEquals(2, EvaluationTest.value(evaluator.eval("1 + 1")));
    }

    @Test
    void runtimeExitAndHaltAreCaughtToo() {
        assertEquals(
                "Runtime.exit(1) was called; the kernel keeps running",
                exitError("Runtime.getRuntime().exit(1);").evalue());
        assertEquals(
                "Runtime.halt(2) was called; the kernel keeps running",
                exitError("Runtime.getRuntime().halt(2);").evalue());
    }

    @Test
    void anExitInsideAMethodOrLambdaIsCaught() {
        evaluator.eval("void quit(int code) { System.exit(code); }");
        assertEquals(
                "System.exit(5) was called; the kernel keeps running",
                exitError("quit(5)").evalue());
        assertEquals(
                "System.exit(6) was called; the kernel keeps running",
                exitError("Runnable r = () -> System.exit(6);\nr.run();").evalue());
    }
}
