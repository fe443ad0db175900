package org.javaasync.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class JShellNamesTest {

    @Test
    void aCellClassIsNamedAsWritten() {
        assertEquals("Point@1b6d3586", JShellNames.scrub("REPL.$JShell$29$Point@1b6d3586"));
        assertEquals("Outer$Inner", JShellNames.scrub("REPL.$JShell$12B$Outer$Inner"));
    }

    @Test
    void aCellVariableInAMessageIsNamedAsWritten() {
        assertEquals(
                "Cannot store to int array because \"arr\" is null",
                JShellNames.scrub("Cannot store to int array because \"REPL.$JShell$33.arr\" is null"));
    }

    @Test
    void lambdasAndAnonymousClassesLoseTheirGeneratedNames() {
        assertEquals("<lambda>@3c989952", JShellNames.scrub("REPL.$JShell$18$$Lambda/0x000000009923d800@3c989952"));
        assertEquals("<lambda>", JShellNames.scrub("org.javaasync.runtime.AsyncFuture$$Lambda/0x00007f0012345678"));
        assertEquals("<anonymous class>@588307f7", JShellNames.scrub("REPL.$JShell$30$$JShell$anonymous$$0@588307f7"));
    }

    @Test
    void aWrapperClassAloneIsTheCell() {
        assertEquals("<lambda in <cell>>", JShellNames.scrub("<lambda in $JShell$16>"));
    }

    @Test
    void textWithoutGeneratedNamesIsReturnedAsItIs() {
        String text = "java.lang.IllegalStateException: no $ here";
        assertSame(text, JShellNames.scrub(text));
    }
}
