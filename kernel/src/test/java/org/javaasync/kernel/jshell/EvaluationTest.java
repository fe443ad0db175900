package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class EvaluationTest extends EvaluatorTestBase {

    static Object value(EvalOutcome outcome) {
        if (outcome instanceof EvalOutcome.Error error) {
            throw new AssertionError("cell failed: " + String.join("\n", error.traceback()));
        }
        return assertInstanceOf(EvalOutcome.Value.class, outcome).value();
    }

    @Test
    void lastBareExpressionIsTheCellsValue() {
        assertEquals(2, value(evaluator.eval("1 + 1")));
    }

    @Test
    void aCellMixesImportsMethodsClassesAndStatements() {
        EvalOutcome outcome = evaluator.eval("""
                import java.time.Duration;

                int twice(int x) {
                    return 2 * x;
                }
                record Point(int x, int y) {}
                var p = new Point(twice(2), 3);
                Duration.ofSeconds(p.x()).toString()
                """);
        assertEquals("PT4S", value(outcome));
    }

    @Test
    void theValueIsTheLiveObjectNotItsText() {
        evaluator.eval("List<String> shared = new ArrayList<>();");
        Object value = value(evaluator.eval("shared"));
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        list.add("from the kernel");
        assertEquals("from the kernel", value(evaluator.eval("shared.get(0)")));
        assertSame(value, value(evaluator.eval("shared")));
    }

    @Test
    void cellObjectsAreInstancesOfKernelClasses() {
        Object value = value(evaluator.eval("new java.util.ArrayList<Integer>(List.of(1, 2))"));
        assertEquals(ArrayList.class, value.getClass());
    }

    @Test
    void aCellEndingInAStatementHasNoValue() {
        assertInstanceOf(EvalOutcome.NoValue.class, evaluator.eval("int quiet = 3;"));
        assertInstanceOf(EvalOutcome.NoValue.class, evaluator.eval("System.out.print(\"\")"));
        assertInstanceOf(EvalOutcome.NoValue.class, evaluator.eval("void noop() {}"));
    }

    @Test
    void aNullValueIsAValue() {
        assertEquals(null, value(evaluator.eval("(String) null")));
    }

    @Test
    void redefinitionReplacesAMethodForItsCallers() {
        evaluator.eval("String greeting() { return \"hello\"; }\nString greet() { return greeting() + \"!\"; }");
        assertEquals("hello!", value(evaluator.eval("greet()")));
        evaluator.eval("String greeting() { return \"bye\"; }");
        assertEquals("bye!", value(evaluator.eval("greet()")));
    }

    @Test
    void aVariableCanBeRedeclaredWithAnotherType() {
        evaluator.eval("int changing = 1;");
        evaluator.eval("String changing = \"now text\";");
        assertEquals("now text", value(evaluator.eval("changing")));
    }

    @Test
    void aMethodMayUseOneDeclaredLaterInTheSameCell() {
        assertEquals(
                7, value(evaluator.eval("int first() { return second() + 1; }\nint second() { return 6; }\nfirst()")));
    }

    @Test
    void theDisplayFacadeAndJShellsDefaultImportsNeedNoImport() {
        assertEquals(
                "<b>x</b>",
                ((MimeBundle) value(evaluator.eval("html(\"<b>x</b>\")")))
                        .data()
                        .get("text/html"));
        assertEquals(3, value(evaluator.eval("Stream.of(1, 2, 3).collect(Collectors.toList()).size()")));
    }

    @Test
    void javaTimeNeedsNoImport() {
        assertEquals("PT1.5S", value(evaluator.eval("Duration.ofMillis(1500)")).toString());
        assertEquals(LocalDate.of(2024, 2, 29), value(evaluator.eval("LocalDate.of(2024, 2, 29)")));
    }

    @Test
    void snippetCodeRunsOnTheKernelsCellThread() {
        assertEquals("jshell-cell", value(evaluator.eval("Thread.currentThread().getName()")));
    }

    @Test
    void loopsRunNormallyWithTheInterruptChecksInPlace() {
        assertEquals(4950L, value(evaluator.eval("long sum = 0; for (int i = 0; i < 100; i++) { sum += i; }\nsum")));
    }

    @Test
    void aCellOfOnlyCommentsOrBlanksHasNoValue() {
        assertInstanceOf(EvalOutcome.NoValue.class, evaluator.eval("// nothing here\n/* still nothing */\n"));
        assertInstanceOf(EvalOutcome.NoValue.class, evaluator.eval("   \n"));
    }

    @Test
    void aTrailingCommentAfterTheLastExpressionKeepsItsValue() {
        assertEquals(3, value(evaluator.eval("1 + 2 // three")));
        assertEquals(4, value(evaluator.eval("// four\n2 + 2")));
    }

    @Test
    void stringValuesAreTheStringsThemselves() {
        assertEquals("a\nb", value(evaluator.eval("\"a\\nb\"")));
    }

    @Test
    void warmUpLeavesNothingBehindInTheSession() throws Exception {
        evaluator.warmUp().get(300, TimeUnit.SECONDS);
        EvalOutcome outcome = evaluator.eval("$warmUp(3)");
        assertEquals(
                EvalOutcome.Kind.COMPILE,
                assertInstanceOf(EvalOutcome.Error.class, outcome).kind());
        assertEquals(2, value(evaluator.eval("1 + 1")));
    }
}
