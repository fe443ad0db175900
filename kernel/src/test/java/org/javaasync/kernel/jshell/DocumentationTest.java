package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.evaluator.Inspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Javadoc in inspection: the runtime's and the display API's (shipped sources), the JDK's, and the user's own. */
class DocumentationTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator();
        evaluator.eval("""
                /**
                 * Doubles a number.
                 * @param x the number
                 */
                int twice(int x) { return 2 * x; }
                /** Doubles a text. */
                String twice(String s) { return s + s; }
                /** A point on the plane. */
                record Point(int x, int y) {
                    /** The distance to the origin. */
                    double norm() { return Math.hypot(x, y); }
                }
                /** Fetches a page, politely. */
                async String fetch(String url) { return url; }
                int undocumented() { return 1; }
                """);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static String doc(String code) {
        return doc(code, code.length());
    }

    private static String doc(String code, int cursor) {
        Inspection inspection = evaluator.inspect(code, cursor, 0);
        assertTrue(inspection.found(), "nothing found for " + code);
        return inspection.text();
    }

    @Test
    void aRuntimeFunctionShowsItsJavadoc() {
        String text = doc("sleep");
        assertTrue(text.contains("Coroutine<Void> Asyncio.sleep(double seconds)"), text);
        assertTrue(text.contains("sleeps seconds of loop time"), text);
        assertTrue(text.contains("@throws IllegalArgumentException if seconds is NaN"), text);
    }

    @Test
    void aRuntimeClassOfTheSyncPackageShowsItsJavadoc() {
        String text = doc("Lock");
        assertTrue(text.startsWith("org.javaasync.runtime.sync.Lock"), text);
        assertTrue(text.lines().count() > 2, "the class's Javadoc is missing: " + text);
    }

    @Test
    void theDisplayApiShowsItsJavadoc() {
        String text = doc("html");
        assertTrue(text.contains("html(String html)"), text);
        assertTrue(text.contains("An HTML bundle"), text);
    }

    @Test
    void aJdkStaticInterfaceMethodShowsItsJavadocWithTypeParameters() {
        String text = doc("List.of");
        assertTrue(text.contains("Returns an unmodifiable list containing zero elements"), text);
        assertTrue(text.contains("@param <E> the List's element type"), text);
    }

    @Test
    void aUserMethodShowsItsDocComment() {
        String text = doc("twice(");
        assertTrue(text.contains("int twice(int x)"), text);
        assertTrue(text.contains("Doubles a number."), text);
        assertTrue(text.contains("@param x the number"), text);
        assertTrue(text.contains("Doubles a text."), "each overload has its own comment: " + text);
    }

    @Test
    void aUserRecordAndItsMethodShowTheirDocComments() {
        assertTrue(doc("Point").contains("A point on the plane."), doc("Point"));
        String code = "new Point(3, 4).norm(";
        assertTrue(doc(code).contains("The distance to the origin."), doc(code));
    }

    @Test
    void anAsyncMethodShowsTheCommentWrittenAboveIt() {
        String text = doc("fetch");
        assertTrue(text.contains("Coroutine<String> fetch(String url)"), text);
        assertTrue(text.contains("Fetches a page, politely."), text);
    }

    @Test
    void aRedefinedMethodShowsItsNewComment() {
        evaluator.eval("/** First version. */ int version() { return 1; }");
        assertTrue(doc("version").contains("First version."));
        evaluator.eval("/** Second version. */ int version() { return 2; }");
        String text = doc("version");
        assertTrue(text.contains("Second version."), text);
        assertFalse(text.contains("First version."), text);
    }

    @Test
    void aMethodWithoutCommentShowsItsSignatureOnly() {
        assertTrue(doc("undocumented").strip().equals("int undocumented()"), doc("undocumented"));
    }
}
