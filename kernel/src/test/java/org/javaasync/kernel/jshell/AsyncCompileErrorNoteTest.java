package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class AsyncCompileErrorNoteTest extends EvaluatorTestBase {

    @Test
    void aFailedAsyncMethodShowsItsCompileErrorAndNoNoteAboutTheRewritesHiddenMethod() {
        EvalOutcome.Error error = errorOf(EvalOutcome.Kind.COMPILE, "async void demo() {\n    int x = \"text\";\n}");
        String trace = String.join("\n", error.traceback());
        assertTrue(trace.contains("line 2, column 13"), trace);
        assertEquals(List.of(), error.warnings());
    }
}
