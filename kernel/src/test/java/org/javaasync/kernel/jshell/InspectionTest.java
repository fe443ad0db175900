package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.javaasync.kernel.evaluator.Inspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InspectionTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator();
        evaluator.eval("""
                /** Greets someone politely. */
                String greet(String name) { return "Hello " + name; }
                """);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void aJdkMethodShowsItsSignatureAndJavadoc() {
        Inspection inspection = evaluator.inspect("Math.max", 6, 0);
        assertTrue(inspection.found());
        assertTrue(inspection.text().contains("int Math.max(int a, int b)"), inspection.text());
        assertTrue(inspection.text().contains("Returns the greater of two"), inspection.text());
        assertFalse(inspection.text().contains("{@code"), inspection.text());
        assertTrue(inspection.html().contains("<pre>"));
    }

    @Test
    void theCursorInsideTheParenthesesDocumentsTheCalledMethod() {
        String code = "\"text\".substring(";
        Inspection inspection = evaluator.inspect(code, code.length(), 0);
        assertTrue(inspection.text().contains("String String.substring(int beginIndex)"), inspection.text());
    }

    @Test
    void aJdkClassShowsItsJavadoc() {
        Inspection inspection = evaluator.inspect("String", 3, 1);
        assertTrue(inspection.text().startsWith("java.lang.String"), inspection.text());
        assertTrue(inspection.text().contains("character strings"), inspection.text());
    }

    @Test
    void aUserMethodShowsItsSignature() {
        Inspection inspection = evaluator.inspect("greet", 5, 0);
        assertTrue(inspection.found());
        assertTrue(inspection.text().contains("String greet(String name)"), inspection.text());
    }

    @Test
    void nothingAtTheCursorIsNotFound() {
        assertFalse(evaluator.inspect("   ", 1, 0).found());
    }
}
