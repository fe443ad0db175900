package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real evaluator per test class (JShell takes a while to start), closed after the class. */
abstract class EvaluatorTestBase {

    static JShellEvaluator evaluator;

    @BeforeAll
    static void startEvaluator() {
        evaluator = new JShellEvaluator();
    }

    @AfterAll
    static void stopEvaluator() {
        evaluator.close();
    }

    /** Evaluates {@code cell}, which must fail with an error of {@code kind}; the trace is shown when it does not. */
    static EvalOutcome.Error errorOf(EvalOutcome.Kind kind, String cell) {
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, evaluator.eval(cell));
        assertEquals(kind, error.kind(), () -> String.join("\n", error.traceback()));
        return error;
    }
}
