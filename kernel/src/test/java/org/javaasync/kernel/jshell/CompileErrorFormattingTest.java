package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class CompileErrorFormattingTest extends EvaluatorTestBase {

    private static EvalOutcome.Error compileError(String cell) {
        return errorOf(EvalOutcome.Kind.COMPILE, cell);
    }

    @Test
    void anErrorNamesTheCellLineAndColumnAndPointsAtTheSource() {
        EvalOutcome.Error error = compileError("int fine = 1;\nint wrong = \"text\";");
        assertEquals(
                List.of(
                        "Compile error at line 2, column 13: incompatible "
                                + "types: java.lang.String cannot be converted to int",
                        "    int wrong = \"text\";",
                        "                ^~~~~~",
                        "Nothing in this cell ran: a cell runs only when all of it compiles."),
                error.traceback());
        assertEquals("CompileError", error.ename());
    }

    @Test
    void everyErrorOfOneSnippetIsReported() {
        EvalOutcome.Error error = compileError("void broken() {\n    int y = \"q\";\n    undefinedCall(3);\n}");
        assertTrue(
                error.traceback()
                        .contains("Compile error at line 2, column 13: incompatible types: "
                                + "java.lang.String cannot be converted to int"),
                () -> String.join("\n", error.traceback()));
        assertTrue(error.traceback().contains("Compile error at line 3, column 5: cannot find symbol"));
        assertTrue(error.evalue().endsWith("(and 1 more)"));
    }

    @Test
    void errorsInLaterDeclarationsOfTheCellAreReportedToo() {
        EvalOutcome.Error error =
                compileError("System.out.println(notDeclared);\nvoid later() {\n    int z = \"no\";\n}");
        assertTrue(error.traceback().contains("Compile error at line 1, column 20: cannot find symbol"));
        assertTrue(error.traceback().contains("    symbol:   variable notDeclared"));
        assertTrue(
                error.traceback()
                        .contains("Compile error at line 3, column 13: incompatible types: "
                                + "java.lang.String cannot be converted to int"),
                () -> String.join("\n", error.traceback()));
    }

    @Test
    void nothingOfACellThatDoesNotCompileRunsAndTheReportSaysSo() {
        EvalOutcome.Error error = compileError("int afterError = 1;\nint bad = \"x\";\nafterError = 2;");
        assertEquals(
                "Nothing in this cell ran: a cell runs only when all of it compiles."
                        + " 1 statement after the first error was not compiled.",
                error.traceback().getLast());
        compileError("afterError"); // its declaration did not run: it is not defined
    }

    @Test
    void theCaretKeepsTabsSoItLinesUpUnderTabIndentedCode() {
        EvalOutcome.Error error = compileError("void tabbed() {\n\tint t = \"x\";\n}");
        assertEquals("    \t        ^~~", error.traceback().get(2));
    }

    @Test
    void anUnfinishedCellIsAnErrorAtItsEnd() {
        EvalOutcome.Error error = compileError("for (int i = 0; i < 3; i++) {");
        assertTrue(error.traceback().getFirst().startsWith("Compile error at line 1"));
        assertTrue(error.evalue().contains("end of file"));
    }

    @Test
    void aDeclarationWaitingForAnUndeclaredNameIsDefinedWithANote() {
        EvalOutcome outcome = evaluator.eval("int waits() { return notYet(); }");
        assertInstanceOf(EvalOutcome.NoValue.class, outcome);
        assertEquals(
                List.of("Note: method waits() was declared but cannot be called until method notYet() is declared."),
                outcome.warnings());
    }

    @Test
    void callingAMethodThatWaitsForAnUndeclaredOneSaysWhatIsMissing() {
        evaluator.eval("int usesMissing() { return missingHelper(); }");
        EvalOutcome.Error error = compileError("usesMissing()");
        assertEquals("UnresolvedReference", error.ename());
        assertEquals("method usesMissing() cannot be called until method missingHelper() is declared", error.evalue());
    }
}
