package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

class AsyncCompileErrorNoteTest extends EvaluatorTestBase {

    @Test
    void aFailedAsyncMethodShowsItsCompileErrorAndNoNoteAboutTheRewritesHiddenMethod() {
        StringBuffer stderr = new StringBuffer();
        Output.setSink(new OutputSink() {
            @Override
            public void stream(String name, String text) {
                if (name.equals("stderr")) stderr.append(text);
            }

            @Override
            public void display(MimeBundle bundle, String displayId, boolean update) {}

            @Override
            public void clearOutput(boolean wait) {}
        });
        try {
            EvalOutcome.Error error =
                    errorOf(EvalOutcome.Kind.COMPILE, "async void demo() {\n    int x = \"text\";\n}");
            String trace = String.join("\n", error.traceback());
            assertTrue(trace.contains("line 2, column 13"), trace);
            assertFalse(stderr.toString().contains("$async"), stderr.toString());
        } finally {
            Output.setSink(null);
        }
    }
}
