package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

/**
 * Redefining a declaration that variables depend on: JShell recompiles the variables into new classes, and their
 * values must stay (as the jshell tool keeps them), or the cell must say which variable was reset.
 */
class RedefinitionTest extends EvaluatorTestBase {

    private static Object value(String cell) {
        return EvaluationTest.value(evaluator.eval(cell));
    }

    private static List<String> warningsOf(String cell) {
        EvalOutcome outcome = evaluator.eval(cell);
        assertInstanceOf(EvalOutcome.NoValue.class, outcome, () -> String.valueOf(outcome));
        return outcome.warnings();
    }

    @Test
    void redefiningAMethodKeepsTheValueOfAVariableComputedFromIt() {
        evaluator.eval("int twice(int x) { return 2 * x; }\nvar total = twice(21);");
        assertEquals(List.of(), warningsOf("int twice(int x) { return 3 * x; }"));
        assertEquals(42, value("total"));
        assertEquals(63, value("twice(21)"));
    }

    @Test
    void anObjectHeldInAVariableIsTheSameObjectAfterTheRedefinition() {
        evaluator.eval("Object makeHandle() { return new Object(); }\nvar handle = makeHandle();");
        Object before = value("handle");
        warningsOf("Object makeHandle() { return \"other\"; }");
        assertSame(before, value("handle"));
    }

    @Test
    void aVariableThatNoLongerCompilesIsNamedAndComesBackWithItsValue() {
        evaluator.eval("int base() { return 7; }\nvar derived = base() * 6;");
        List<String> warnings = warningsOf("long base() { return 7L; }");
        assertEquals(1, warnings.size(), () -> String.join("\n", warnings));
        assertTrue(
                warnings.getFirst()
                        .startsWith("Warning: update modified variable derived, which cannot be referenced until"),
                warnings.getFirst());
        assertTrue(warnings.getFirst().contains("lossy conversion from long to int"), warnings.getFirst());
        warningsOf("int base() { return 8; }");
        assertEquals(42, value("derived"));
    }

    @Test
    void aMethodThatCannotBeCalledAfterAnUpdateIsNamed() {
        evaluator.eval("int seed() { return 1; }\nint grown() { return seed() + 1; }");
        List<String> warnings = warningsOf("String seed() { return \"text\"; }");
        assertEquals(
                List.of("Warning: update modified method grown(), which cannot be invoked until this error is"
                        + " corrected: incompatible types: java.lang.String cannot be converted to int."),
                warnings);
    }

    @Test
    void redefiningAClassResetsTheVariablesHoldingItsObjectsAndSaysSo() {
        evaluator.eval(
                "class Shape { int sides = 3; }\nShape shape = new Shape();\nList<Shape> shapes = List.of(shape);"
                        + "\nObject anything = shape;");
        List<String> warnings = warningsOf("class Shape { int sides = 4; int extra; }");
        assertEquals(
                List.of(
                        "Warning: update replaced variable shape, reset to null (its value was made from a class that"
                                + " was redefined).",
                        "Warning: update replaced variable shapes, reset to null (its value was made from a class"
                                + " that was redefined)."),
                warnings);
        assertEquals(null, value("shape"));
        assertEquals(true, value("anything != null")); // an Object variable keeps the object of the old class
    }

    @Test
    void aVariableRedefinedInTheSameCellAfterBeingUsedRunsInOrder() {
        assertEquals(
                8,
                value("int twiceB(int x) { return 2 * x; }\nint b = twiceB(4);\n"
                        + "int twiceB(int x) { return 3 * x; }\nb"));
        assertEquals(
                5, value("int count = 0;\ncount = 5;\nint read() { return 1; }\nint read() { return count; }\ncount"));
    }

    @Test
    void aStatementOfTheCellAssigningAVariableBeforeTheRedefinitionIsKept() {
        evaluator.eval("int factor() { return 2; }\nint scaled = factor();");
        assertEquals(11, value("scaled = 11;\nint factor() { return 3; }\nscaled"));
    }
}
