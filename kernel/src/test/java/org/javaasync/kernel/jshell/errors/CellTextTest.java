package org.javaasync.kernel.jshell.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void linesCountFromOneAndALineBreakBelongsToTheLineItEnds() {
        CellText text = new CellText("ab\ncd\n\nef");
        assertEquals(1, text.lineOf(0));
        assertEquals(1, text.lineOf(2));
        assertEquals(2, text.lineOf(3));
        assertEquals(3, text.lineOf(6));
        assertEquals(4, text.lineOf(7));
        assertEquals(4, text.lineOf(100));
        assertEquals(2, text.columnOf(4));
        assertEquals("cd", text.lineAt(4));
    }

    @Test
    void aTextEndingInALineBreakHasAnEmptyLastLine() {
        CellText text = new CellText("x\n");
        assertEquals(2, text.lineOf(2));
        assertEquals("", text.lineAt(2));
    }
}
