package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Inspection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JShell's documentation failed for every method once a class had stopped being active ({@link InactiveTypeKeys}):
 * these run what made it fail, each on a fresh evaluator.
 */
class InspectionAfterInactiveClassTest {

    private JShellEvaluator evaluator;

    @BeforeEach
    void start() {
        evaluator = new JShellEvaluator();
    }

    @AfterEach
    void stop() {
        evaluator.close();
    }

    private void assertMathMaxIsDocumented() {
        Inspection inspection = evaluator.inspect("Math.max", 8, 0);
        assertTrue(inspection.found(), "no documentation for Math.max");
        assertTrue(inspection.text().contains("int Math.max(int a, int b)"), inspection.text());
    }

    @Test
    void aClassRedefinitionThatFailsToCompileLeavesDocumentationWorking() {
        evaluator.eval("class Point { int x; }");
        assertInstanceOf(EvalOutcome.Error.class, evaluator.eval("class Point { int x = \"one\"; }"));
        assertMathMaxIsDocumented();
        evaluator.eval("class Point { int x, y; }");
        assertMathMaxIsDocumented();
        Inspection user = evaluator.inspect("new Point().x", 12, 0);
        assertTrue(user.found(), "a field of the redefined class");
    }

    @Test
    void theBackgroundWarmUpWhichDropsItsClassLeavesDocumentationWorking() throws Exception {
        evaluator.warmUp().get();
        assertMathMaxIsDocumented();
    }
}
