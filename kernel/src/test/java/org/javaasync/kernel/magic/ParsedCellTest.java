package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsedCellTest {

    @Test
    void aCellMagicOnTheFirstLineOwnsTheRestAndLinesStayAligned() {
        ParsedCell p = ParsedCell.parse("%%time\nint x = 1;\nx + 1");
        assertEquals(Optional.of(new MagicCall("time", "", true, 0)), p.cellMagic());
        assertEquals("      \nint x = 1;\nx + 1", p.code());
    }

    @Test
    void lineMagicsAtTheTopAreTakenWithTheirArguments() {
        ParsedCell p = ParsedCell.parse("%maven org.xerial:sqlite-jdbc:3.47.1.0\n\n// then\n%tasks\nvar c = 1;");
        assertEquals(
                List.of(
                        new MagicCall("maven", "org.xerial:sqlite-jdbc:3.47.1.0", false, 0),
                        new MagicCall("tasks", "", false, 3)),
                p.lineMagics());
        assertEquals(" ".repeat(38) + "\n\n// then\n      \nvar c = 1;", p.code());
    }

    @Test
    void percentInsideJavaIsTheRemainderOperator() {
        String cell = "int x = 10\n  % 3;\n%tasks";
        ParsedCell p = ParsedCell.parse(cell);
        assertTrue(p.plain());
        assertEquals(cell, p.code());
    }

    @Test
    void aCellMagicAfterTheFirstLineIsNotAMagic() {
        String cell = "int a = 1;\n%%time";
        assertTrue(ParsedCell.parse(cell).plain());
    }

    @Test
    void aLoneOrMalformedPercentIsLeftForTheCompiler() {
        assertTrue(ParsedCell.parse("%\nint x;").plain());
        assertTrue(ParsedCell.parse("% 3").plain());
        assertTrue(ParsedCell.parse("%%\nint x;").plain());
        assertTrue(ParsedCell.parse("%1abc").plain());
    }

    @Test
    void aLineMagicMayFollowACellMagic() {
        ParsedCell p = ParsedCell.parse("%%timeline\n%maven a:b:1\nawait go();");
        assertEquals("timeline", p.cellMagic().orElseThrow().name());
        assertEquals(List.of(new MagicCall("maven", "a:b:1", false, 1)), p.lineMagics());
        assertEquals(" ".repeat(10) + "\n" + " ".repeat(12) + "\nawait go();", p.code());
    }
}
