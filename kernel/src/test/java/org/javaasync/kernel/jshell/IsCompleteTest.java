package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.javaasync.kernel.evaluator.Completeness;
import org.junit.jupiter.api.Test;

class IsCompleteTest extends EvaluatorTestBase {

    private static Completeness check(String code) {
        return evaluator.isComplete(code);
    }

    @Test
    void aStatementIsComplete() {
        assertEquals(Completeness.Status.COMPLETE, check("int x = 1;").status());
    }

    @Test
    void anExpressionWithoutSemicolonIsComplete() {
        assertEquals(Completeness.Status.COMPLETE, check("1 + 1").status());
    }

    @Test
    void anOpenBlockIsIncompleteAndIndentsOneLevelDeeper() {
        assertEquals(new Completeness(Completeness.Status.INCOMPLETE, "    "), check("for (int i = 0; i < 3; i++) {"));
        assertEquals(
                new Completeness(Completeness.Status.INCOMPLETE, "        "), check("void f() {\n    if (true) {"));
    }

    @Test
    void anUnclosedLineKeepsItsIndent() {
        assertEquals(new Completeness(Completeness.Status.INCOMPLETE, "    "), check("void f() {\n    int y = 1 +"));
    }

    @Test
    void theWholeCellIsAnalysedNotOnlyItsFirstSnippet() {
        assertEquals(
                Completeness.Status.INCOMPLETE,
                check("int a = 1;\nint b = 2;\nvoid g() {").status());
        assertEquals(
                Completeness.Status.COMPLETE,
                check("int a = 1;\nint b = 2;\nvoid g() {}").status());
    }

    @Test
    void emptyCodeIsComplete() {
        assertEquals(Completeness.Status.COMPLETE, check("   \n").status());
    }

    @Test
    void codeThatCannotBecomeJavaIsInvalid() {
        assertEquals(Completeness.Status.INVALID, check("int x = 1 )").status());
    }
}
