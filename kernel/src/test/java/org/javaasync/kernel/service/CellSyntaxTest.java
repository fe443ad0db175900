package org.javaasync.kernel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CellSyntaxTest {

    private static Optional<CellSyntax.MagicName> at(String cell) {
        return CellSyntax.magicNameAt(cell, cell.length());
    }

    @Test
    void aPercentOnTheFirstLineStartsALineOrACellMagic() {
        CellSyntax.MagicName name = at("%ti").orElseThrow();
        assertEquals(0, name.start());
        assertEquals("%", name.percents());
        assertEquals("ti", name.typed());
        assertTrue(name.cellMagicAllowed());
        assertEquals("", at("%").orElseThrow().typed());
        assertEquals("%%", at("%%tim").orElseThrow().percents());
    }

    @Test
    void theCursorInsideANameSeesTheWholeName() {
        CellSyntax.MagicName name = CellSyntax.magicNameAt("%timeline title", 3).orElseThrow();
        assertEquals("ti", name.typed());
        assertEquals("timeline", name.name());
        assertEquals(9, name.end());
        assertFalse(CellSyntax.magicNameAt("%time 6 * 7", 8).isPresent(), "the arguments are not the name");
    }

    @Test
    void laterLinesOfTheMagicAreaTakeLineMagicsOnly() {
        CellSyntax.MagicName name = at("%%time\n  %ta").orElseThrow();
        assertEquals(9, name.start());
        assertFalse(name.cellMagicAllowed());
        assertFalse(at("%time\n%%ti").isPresent(), "a cell magic works on the first line only");
        assertFalse(at("  %%ti").isPresent(), "nor indented");
        assertTrue(at("%lsmagic\n\n// note\n%ca").isPresent());
    }

    @Test
    void aPercentAfterJavaIsTheRemainderOperator() {
        assertFalse(at("int r = 7\n%ti").isPresent());
        assertFalse(at("/* block */\n%ti").isPresent(), "a block comment ends the magic area, as when running");
        assertFalse(at("7 %").isPresent());
    }

    @Test
    void aQuestionMarkAfterAMagicAsksForItsHelp() {
        assertEquals(new CellSyntax.Help("%time", 0), CellSyntax.of("%time?"));
        assertEquals(new CellSyntax.Help("%%timeline", 1), CellSyntax.of("??%%timeline"));
        assertEquals(new CellSyntax.Help("List.of", 0), CellSyntax.of("List.of?"));
        assertInstanceOf(CellSyntax.Code.class, CellSyntax.of("%time 6 * 7"));
    }
}
