package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

/**
 * A string constant over 65,535 bytes: javac rejects it only while writing the class, which left JShell's compiler
 * broken for the rest of the session. The cell says why, at the user's line, and the session goes on.
 */
class ConstantLimitsTest extends EvaluatorTestBase {

    private static final String LONG = "\"" + "a".repeat(70_000) + "\"";

    @Test
    void aTooLongStringLiteralIsAnErrorAtItsLineAndTheSessionGoesOn() {
        evaluator.eval("String before = \"hello\";");
        EvalOutcome.Error error = errorOf(EvalOutcome.Kind.COMPILE, "int n = 1;\n" + LONG + ".length()");
        assertEquals(
                "Compile error at line 2, column 1: constant string too long",
                error.traceback().getFirst());
        assertTrue(error.traceback().get(1).length() < 200, "the 70,000-character line is shown cut");
        assertEquals("hello", EvaluationTest.value(evaluator.eval("before")));
        assertEquals(3, EvaluationTest.value(evaluator.eval("int after = 3;\nafter")));
    }

    @Test
    void aTooLongConstantInAMethodOrFoldedFromPartsIsReportedToo() {
        EvalOutcome.Error inMethod = errorOf(EvalOutcome.Kind.COMPILE, "String big() { return " + LONG + "; }");
        assertTrue(inMethod.evalue().contains("constant string too long"), inMethod.evalue());
        String half = "\"" + "b".repeat(40_000) + "\"";
        EvalOutcome.Error folded = errorOf(EvalOutcome.Kind.COMPILE, "String w = " + half + " + " + half + ";");
        assertTrue(folded.evalue().contains("constant string too long"), folded.evalue());
        assertEquals(5, EvaluationTest.value(evaluator.eval("2 + 3")));
    }
}
