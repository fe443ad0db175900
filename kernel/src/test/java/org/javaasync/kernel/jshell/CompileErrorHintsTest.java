package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.Test;

/** Compile errors about await and async in one sentence each, instead of javac's overload and inference dumps. */
class CompileErrorHintsTest extends EvaluatorTestBase {

    private static EvalOutcome.Error compileError(String cell) {
        return errorOf(EvalOutcome.Kind.COMPILE, cell);
    }

    @Test
    void awaitingSomethingThatCannotBeAwaitedSaysWhatCan() {
        EvalOutcome.Error error = compileError("await 5");
        assertEquals(
                List.of(
                        "Compile error at line 1, column 1: await needs something to wait for (a Coroutine, Task,"
                                + " AsyncFuture or CompletionStage), and 5 is an int",
                        "    await 5",
                        "    ^~~~~"),
                error.traceback());
    }

    @Test
    void assigningWhatAnAwaitGivesToTheWrongTypeSaysBothTypes() {
        EvalOutcome.Error error = compileError("String s = await sleep(1);");
        assertEquals(
                "Compile error at line 1, column 12: incompatible types: await sleep(1) gives a Void, which cannot be"
                        + " converted to String",
                error.traceback().getFirst());
        assertEquals(3, error.traceback().size(), () -> String.join("\n", error.traceback()));
        EvalOutcome.Error lower = compileError("int n = await CompletableFuture.completedFuture(\"x\");");
        assertTrue(
                lower.traceback().getFirst().endsWith("gives a String, which cannot be converted to Integer"),
                lower.traceback().getFirst());
    }

    @Test
    void aCheckedExceptionNeverThrownAroundAnAwaitGetsAHint() {
        EvalOutcome.Error error = compileError("try {\n    await sleep(0.01);\n} catch (java.io.IOException e) {\n}");
        String trace = String.join("\n", error.traceback());
        assertTrue(trace.contains("is never thrown in body of corresponding try statement"), trace);
        assertTrue(trace.contains("Hint: await rethrows whatever the awaited code throws"), trace);
        EvalOutcome.Error plain = compileError("try {\n    int z = 1;\n} catch (java.io.IOException e) {\n}");
        assertFalse(String.join("\n", plain.traceback()).contains("Hint"));
    }

    @Test
    void theHintFindsTheTryPastEarlierCatchClauses() {
        EvalOutcome.Error error = compileError(
                "try { await sleep(0); } catch (IllegalStateException e) { } catch (java.io.IOException e) { }");
        assertTrue(String.join("\n", error.traceback()).contains("Hint: await rethrows"));
    }

    @Test
    void anAsyncLambdaWithParametersIsToldItTakesNone() {
        EvalOutcome.Error error = compileError("var c = async x -> x;");
        assertTrue(
                error.traceback()
                        .getFirst()
                        .endsWith("an async lambda takes no parameters: write async(() -> ...)"
                                + " or async () -> { ... }"),
                error.traceback().getFirst());
    }
}
