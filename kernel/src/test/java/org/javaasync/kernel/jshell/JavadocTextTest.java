package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

    /** A comment as JShell hands it over: the text between the stars, each line still starting with a space. */
    private static final String TASK_GROUP = """
             Structured concurrency (asyncio's {@code TaskGroup}): tasks created in the group are awaited.

             <pre>{@code
             try (var tg = new TaskGroup()) {
                 var a = tg.createTask(fetch("a"));
             }   // both are done here
             }</pre>

             <p><b>Failure.</b> The first failure cancels the others ({@link CancelledError}).
            """;

    @Test
    void codeExamplesKeepTheirIndentationAndAreSetApart() {
        assertEquals("""
                Structured concurrency (asyncio's TaskGroup): tasks created in the group are awaited.

                    try (var tg = new TaskGroup()) {
                        var a = tg.createTask(fetch("a"));
                    }   // both are done here

                Failure. The first failure cancels the others (CancelledError).""", JavadocText.plain(TASK_GROUP));
    }

    @Test
    void codeExamplesStayCodeInHtml() {
        String html = JavadocText.html(TASK_GROUP);
        assertTrue(
                html.contains(
                        "<pre>try (var tg = new TaskGroup()) {\n    var a = tg.createTask(fetch(&quot;a&quot;));\n"),
                html);
        assertTrue(html.contains("<code>TaskGroup</code>"), html);
    }

    @Test
    void inlineTagsKeepNestedBracesAndAngleBrackets() {
        assertEquals(
                "Use try (var _ = await(lock.acquire())) { ... } with a List<String>.",
                JavadocText.plain(
                        " Use {@code try (var _ = await(lock.acquire())) { ... }} with a {@code List<String>}."));
    }

    @Test
    void linksReadAsTheirLabelOrTheirTarget() {
        assertEquals(
                "See the length, String.length() and close().",
                JavadocText.plain(
                        " See {@link String#length() the length}, {@link String#length()} and {@link #close()}."));
    }

    @Test
    void typeParametersKeepTheirBrackets() {
        assertEquals("@param <E> the element type", JavadocText.plain(" @param <E> the element type"));
    }

    @Test
    void anUnclosedTagIsKeptAsWritten() {
        assertEquals("Broken {@code tag", JavadocText.plain(" Broken {@code tag"));
    }
}
