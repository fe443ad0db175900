package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cell runs only when all of it compiles, as Python runs nothing of a cell with a SyntaxError. */
class WholeCellCheckTest extends EvaluatorTestBase {

    private static Object value(String cell) {
        return EvaluationTest.value(evaluator.eval(cell));
    }

    @BeforeEach
    void counter() {
        evaluator.eval("var hits = new java.util.concurrent.atomic.AtomicInteger();");
    }

    @Test
    void noStatementBeforeACompileErrorRuns() {
        EvalOutcome.Error error = errorOf(
                EvalOutcome.Kind.COMPILE, "hits.incrementAndGet();\nSystem.out.println(\"ran\");\nint bad = \"x\";");
        assertTrue(error.traceback().getFirst().startsWith("Compile error at line 3, column 11"));
        assertEquals(0, value("hits.get()"));
    }

    @Test
    void anErrorInTheLastStatementStopsEverythingBeforeIt() {
        errorOf(EvalOutcome.Kind.COMPILE, "hits.incrementAndGet();\nhits.noSuchMethod();");
        assertEquals(0, value("hits.get()"));
    }

    @Test
    void aVariableDeclaredBeforeTheErrorIsNotLeftBehindWithoutItsValue() {
        errorOf(EvalOutcome.Kind.COMPILE, "int declaredFirst = hits.incrementAndGet();\nint bad = \"x\";");
        errorOf(EvalOutcome.Kind.COMPILE, "declaredFirst");
        evaluator.eval("String kept = \"old\";");
        errorOf(EvalOutcome.Kind.COMPILE, "String kept = \"new\";\nint bad = \"x\";");
        assertEquals("old", value("kept"));
        assertEquals(0, value("hits.get()"));
    }

    @Test
    void methodsAndClassesThatCompiledAreDefinedEvenIfTheCellFailed() {
        errorOf(EvalOutcome.Kind.COMPILE, "int helper() { return 41; }\nint bad = \"x\";");
        assertEquals(42, value("helper() + 1"));
    }

    @Test
    void laterStatementsSeeEarlierDeclarationsOfTheSameCell() {
        assertEquals(
                12,
                value("int start = hits.incrementAndGet() + 2;\nrecord Box(int v) {}\nvar box = new Box(start * 4);"
                        + "\nbox.v()"));
    }

    @Test
    void anExceptionStopsTheCellAndTheVariablesAfterItAreNotDefined() {
        EvalOutcome.Error error = errorOf(
                EvalOutcome.Kind.RUNTIME, "int before = 1;\nint failing = Integer.parseInt(\"x\");\nint after = 3;");
        assertEquals("java.lang.NumberFormatException", error.ename());
        assertTrue(error.traceback().contains("    at <cell>(line 2)"), () -> String.join("\n", error.traceback()));
        assertEquals(1, value("before"));
        errorOf(EvalOutcome.Kind.COMPILE, "failing");
        errorOf(EvalOutcome.Kind.COMPILE, "after");
    }

    @Test
    void aRedeclaredVariableWhoseNewInitializerThrowsKeepsItsValue() {
        evaluator.eval("int level = 10;");
        errorOf(EvalOutcome.Kind.RUNTIME, "int level = Integer.parseInt(\"x\");");
        assertEquals(10, value("level"));
    }

    @Test
    void anInterruptBeforeTheCellStartsRunsNothingOfIt() {
        CellRun run = CellRun.of(900);
        run.interrupt().interrupt();
        EvalOutcome outcome = evaluator.eval("hits.incrementAndGet();\nhits.incrementAndGet();", run);
        assertEquals(EvalOutcome.Kind.INTERRUPTED, ((EvalOutcome.Error) outcome).kind());
        assertEquals(0, value("hits.get()"));
    }
}
