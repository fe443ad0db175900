package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompletionTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator();
        evaluator.eval("String userName = \"ada\";\nint userCount() { return 1; }\nclass UserProfile {}");
        evaluator.eval("async int userScore(int x) { return x; }");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static List<String> texts(Completion completion) {
        return completion.matches().stream().map(Completion.Item::text).toList();
    }

    private static Completion.Item item(Completion completion, String text) {
        return completion.matches().stream()
                .filter(i -> i.text().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text + " not in " + texts(completion)));
    }

    @Test
    void memberAccessReplacesOnlyTheWordAfterTheDot() {
        String code = "\"hello\".len";
        Completion completion = evaluator.complete(code, code.length());
        assertEquals(8, completion.cursorStart());
        assertEquals(code.length(), completion.cursorEnd());
        assertEquals("method", item(completion, "length()").type());
    }

    @Test
    void theOperandOfTheAwaitKeywordIsCompletedWhereTheUserTypesIt() {
        String code = "var r = await gat";
        Completion completion = evaluator.complete(code, code.length());
        assertEquals(code.length() - 3, completion.cursorStart());
        assertEquals(code.length(), completion.cursorEnd());
        assertEquals("method", item(completion, "gather(").type());
    }

    @Test
    void userVariablesMethodsAndClassesAreCompletedWithTheirKinds() {
        assertEquals(
                "variable", item(evaluator.complete("userN", 5), "userName").type());
        assertEquals(
                "method", item(evaluator.complete("userC", 5), "userCount()").type());
        assertEquals(
                "class", item(evaluator.complete("UserP", 5), "UserProfile").type());
    }

    @Test
    void anAsyncMethodIsOfferedUnderTheNameTheUserGaveIt() {
        List<String> texts = texts(evaluator.complete("userS", 5));
        assertTrue(texts.contains("userScore("), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("$")), texts.toString());
    }

    @Test
    void neitherTemporariesNorAsyncBodiesAreEverOffered() {
        assertTrue(CodeAnalysis.hidden("$12"));
        assertTrue(CodeAnalysis.hidden("fetch$async("));
        assertTrue(CodeAnalysis.hidden("fetch$async"));
        assertFalse(CodeAnalysis.hidden("fetch("));
        assertFalse(CodeAnalysis.hidden("$price"), "a user's name starting with $ stays");
        assertFalse(CodeAnalysis.hidden("Map.Entry"));
        assertTrue(CodeAnalysis.hidden("$warmUp("));
    }

    @Test
    void aTemporaryLeftByAFailedExpressionIsNotOffered() {
        assertInstanceOf(EvalOutcome.Error.class, evaluator.eval("Integer.parseInt(\"x\")"));
        List<String> texts = texts(evaluator.complete("$", 1));
        assertFalse(texts.stream().anyMatch(t -> t.matches("\\$\\d+")), texts.toString());
    }

    @Test
    void overloadsAppearOnce() {
        Completion completion = evaluator.complete("Math.ma", 7);
        assertEquals(
                1,
                texts(completion).stream().filter("max("::equals).count(),
                texts(completion).toString());
        assertEquals(5, completion.cursorStart());
    }

    @Test
    void constantsAreFields() {
        assertEquals(
                "field",
                item(evaluator.complete("Integer.MAX_V", 13), "MAX_VALUE").type());
    }

    @Test
    void theCursorInALaterSnippetOfTheCellCompletesThatSnippet() {
        String code = "int a = 1;\nString b = \"x\";\nuserName.isE";
        Completion completion = evaluator.complete(code, code.length());
        assertEquals(code.length() - 3, completion.cursorStart());
        assertTrue(texts(completion).contains("isEmpty()"), texts(completion).toString());
    }

    @Test
    void theCursorInTheMiddleOfTheCodeCompletesThere() {
        String code = "\"abc\".toUpp + 1;\nint later = 2;";
        Completion completion = evaluator.complete(code, 11);
        assertEquals(6, completion.cursorStart());
        assertEquals(11, completion.cursorEnd());
        assertTrue(texts(completion).contains("toUpperCase("), texts(completion).toString());
    }

    @Test
    void completionAnswersWhileACellRuns() throws Exception {
        evaluator.eval("var gate = new java.util.concurrent.CountDownLatch(1);");
        var gate = (CountDownLatch) EvaluationTest.value(evaluator.eval("gate"));
        CompletableFuture<EvalOutcome> running = CompletableFuture.supplyAsync(() -> evaluator.eval("gate.await();"));
        Thread.sleep(200);
        Completion completion = CompletableFuture.supplyAsync(() -> evaluator.complete("userN", 5))
                .get(30, TimeUnit.SECONDS);
        assertTrue(texts(completion).contains("userName"));
        assertTrue(!running.isDone(), "the cell should still be running");
        gate.countDown();
        running.get(30, TimeUnit.SECONDS);
    }
}
