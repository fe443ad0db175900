package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.display.Renderers;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

/** JShell's wrapper classes and the JVM's lambda classes never show in values, messages or traces. */
class GeneratedNamesTest extends EvaluatorTestBase {

    private static String shown(String cell) {
        return Renderers.plainText(EvaluationTest.value(evaluator.eval(cell)));
    }

    @Test
    void anObjectOfACellClassShowsTheClassAsWritten() {
        assertTrue(shown("class Dot {}\nnew Dot()").matches("Dot@[0-9a-f]+"), shown("new Dot()"));
        assertTrue(shown("List.of(new Dot())").matches("\\[Dot@[0-9a-f]+]"));
    }

    @Test
    void aLambdaAndAnAnonymousClassShowWithoutGeneratedNames() {
        assertTrue(shown("Runnable r = () -> {};\nr").matches("<lambda>@[0-9a-f]+"), shown("r"));
        assertTrue(shown("new Object() {}").matches("<anonymous class>@[0-9a-f]+"));
    }

    @Test
    void aCoroutineOfACellLambdaIsNamedAfterTheCell() {
        assertEquals("<coroutine <lambda in <cell>>>", shown("async(() -> 1)"));
    }

    @Test
    void anExceptionOfACellClassIsNamedAsWrittenWithTheCellsLines() {
        EvalOutcome.Error error = errorOf(
                EvalOutcome.Kind.RUNTIME,
                "class Boom extends RuntimeException { Boom(String m) { super(m); } }\nint[] empty = null;\n"
                        + "var seen = empty == null ? 0 : 1;\nthrow new Boom(\"seen \" + seen);");
        assertEquals("Boom", error.ename());
        assertEquals(List.of("Boom: seen 0", "    at <cell>(line 4)"), error.traceback());
    }

    @Test
    void aMessageNamingACellVariableNamesItAsWritten() {
        EvalOutcome.Error error = errorOf(EvalOutcome.Kind.RUNTIME, "int[] numbers = null;\nnumbers[0] = 1;");
        assertTrue(error.evalue().contains("\"numbers\" is null"), error.evalue());
        assertFalse(String.join("\n", error.traceback()).contains("$JShell$"));
    }

    @Test
    void aVariableComputedInJShellsHelperIsACellFrameOnce() {
        EvalOutcome.Error error =
                errorOf(EvalOutcome.Kind.RUNTIME, "var anon = new Object() { int v = Integer.parseInt(\"z\"); };");
        String trace = String.join("\n", error.traceback());
        assertFalse(trace.contains("do_it"), trace);
        assertFalse(trace.contains("repeated"), trace);
    }
}
