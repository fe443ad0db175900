package org.javaasync.kernel.jshell;

import static org.javaasync.kernel.jshell.EvaluationTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Statements, expressions and temporaries leave no class file behind for javac to re-read at every later snippet,
 * while everything a later cell can name (methods, classes, variables) keeps working.
 */
class SnippetClassFilesTest extends EvaluatorTestBase {

    @Test
    void classFilesOfFinishedStatementsAreNotKept() {
        assertTrue(evaluator.keptClassFiles() >= 0, "surefire must pass --add-opens jdk.jshell/jdk.jshell");
        value(evaluator.eval("int counter = 0; 1"));
        int before = evaluator.keptClassFiles();
        for (int i = 0; i < 30; i++) {
            value(evaluator.eval("counter++;\nRunnable r = null;\nr = () -> counter += 0;\nr.run();\n"
                    + "new Object() { int n = 1; }.n + " + i));
        }
        // Each cell declared (and redeclared) r: one variable's class file replaces the last; nothing else stays.
        assertEquals(before + 1, evaluator.keptClassFiles());
        assertEquals(30, value(evaluator.eval("counter")));
    }

    @Test
    void declarationsMadeBeforeManyStatementsStillCompileAndRedefine() {
        value(evaluator.eval("int twice(int x) { return 2 * x; }\nclass Box { int v = twice(3); }\n1"));
        for (int i = 0; i < 20; i++) {
            value(evaluator.eval("System.out.print(\"\"); twice(" + i + ")"));
        }
        assertEquals(6, value(evaluator.eval("new Box().v")));
        value(evaluator.eval("int twice(int x) { return 20 * x; }\n1"));
        assertEquals(60, value(evaluator.eval("new Box().v")));
    }

    @Test
    void aLambdaFromAForgottenStatementStillRuns() {
        value(evaluator.eval("java.util.function.Supplier<String> later;\n"
                + "later = () -> new Object() { public String toString() { return \"still here\"; } }.toString();\n1"));
        for (int i = 0; i < 5; i++) {
            value(evaluator.eval("1 + " + i));
        }
        assertEquals("still here", value(evaluator.eval("later.get()")));
    }
}
