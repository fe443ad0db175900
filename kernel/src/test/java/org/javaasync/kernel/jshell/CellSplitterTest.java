package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Splitting cells into snippets with JShell's own analysis, in time linear in the cell and stoppable. */
class CellSplitterTest {

    private static JShell jshell;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    /** JShell's analysis, counting the characters it is given. */
    private static Function<String, CompletionInfo> counting(AtomicLong characters, AtomicInteger calls) {
        return piece -> {
            characters.addAndGet(piece.length());
            calls.incrementAndGet();
            return jshell.sourceCodeAnalysis().analyzeCompletion(piece);
        };
    }

    private static List<String> sources(String cell) {
        return new CellSplitter(jshell.sourceCodeAnalysis())
                .split(cell, () -> false).stream().map(CellSnippet::source).toList();
    }

    @Test
    void statementsDeclarationsAndBlocksBecomeOneSnippetEach() {
        String cell = """
                if (a) { f(); } else { g(); }
                try { h(); } catch (Exception e) { } finally { }
                do { i(); } while (false);
                Runnable r = () -> { };
                new Object() { }.hashCode();
                int[] ia = {1, 2};
                int sw = switch (ia[0]) { case 1 -> 10; default -> 0; };
                @Deprecated void dep() {}
                class Q { int x; }
                if (b) x(); else y();
                sw""";
        List<String> sources = sources(cell);
        assertEquals(11, sources.size(), () -> String.join("\n---\n", sources));
        assertEquals("if (a) { f(); } else { g(); }", sources.get(0).strip());
        assertEquals(
                "try { h(); } catch (Exception e) { } finally { }",
                sources.get(1).strip());
        assertEquals("do { i(); } while (false);", sources.get(2).strip());
        assertEquals("new Object() { }.hashCode();", sources.get(4).strip());
        assertEquals("@Deprecated void dep() {}", sources.get(7).strip());
        assertEquals("if (b) x(); else y();", sources.get(9).strip());
        assertTrue(sources.get(10).startsWith("sw"), sources.get(10));
    }

    @Test
    void eachSnippetKnowsWhereItStartsInTheCell() {
        String cell = "int a = 1;\n\n  void f() {\n  }\n// note\nint b = 2;";
        List<CellSnippet> snippets = new CellSplitter(jshell.sourceCodeAnalysis()).split(cell, () -> false);
        for (CellSnippet snippet : snippets) {
            String source = snippet.source();
            String expected = source.endsWith(";") && !cell.startsWith(source, snippet.offset())
                    ? source.substring(0, source.length() - 1)
                    : source;
            assertTrue(cell.startsWith(expected, snippet.offset()), () -> source + " @ " + snippet.offset());
        }
        assertEquals(3, snippets.size());
    }

    @Test
    void anUnclosedBraceLeavesTheRestAsOneLastSnippet() {
        List<String> sources = sources("int a = 1;\nfor (int i = 0; i < 3; i++) {\n  a++;\nint b = 2;");
        assertEquals(2, sources.size());
        assertTrue(sources.get(1).startsWith("for"), sources.get(1));
        assertTrue(sources.get(1).endsWith("int b = 2;"), sources.get(1));
    }

    @Test
    void aCellOfCommentsHasNoSnippet() {
        assertEquals(List.of(), sources("// one\n/* two */\n"));
    }

    @Test
    void theAnalysisSeesEachCharacterOfALongCellAFewTimesAtMost() {
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            cell.append(
                    switch (i % 4) {
                        case 0 -> "n += " + i + ";\n";
                        case 1 -> "if (n > 3) { n--; } else { n++; }\n";
                        case 2 -> "void m" + i + "() { int q = 1; }\n";
                        default -> "try { n++; } catch (RuntimeException e) { }\n";
                    });
        }
        AtomicLong characters = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        List<CellSnippet> snippets = new CellSplitter(counting(characters, calls)).split(cell.toString(), () -> false);
        assertEquals(4000, snippets.size());
        // Asking about the rest of the cell each time would read it 2,000 times over; linear means a small factor.
        assertTrue(
                characters.get() <= 2L * cell.length(),
                () -> characters.get() + " characters analyzed for a cell of " + cell.length());
    }

    @Test
    void anInterruptStopsTheSplittingAtTheNextPiece() {
        String cell = "n++;\n".repeat(10_000);
        AtomicLong characters = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                CellInterruptedError.class,
                () -> new CellSplitter(counting(characters, calls)).split(cell, () -> calls.get() >= 5));
        assertEquals(5, calls.get());
    }

    @Test
    void anInterruptStopsEvenTheFirstScanOfAHugeCell() {
        String cell = "n++;\n".repeat(100_000);
        AtomicLong characters = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                CellInterruptedError.class,
                () -> new CellSplitter(counting(characters, calls)).split(cell, () -> true));
        assertEquals(0, calls.get());
    }

    @Test
    void theEndsOfSnippetsAreFoundInOneScan() {
        String cell = "a(); if (x) { b(); } else { c(); }\nclass K {}\nnew K() {}.hashCode();\nint[] q = {1};";
        int[] ends = CellSplitter.possibleEnds(cell, () -> false);
        List<Integer> expected = List.of(
                cell.indexOf(';') + 1,
                cell.indexOf("}\nclass") + 1,
                cell.indexOf("{}\nnew") + 2,
                cell.indexOf("hashCode();") + "hashCode();".length(),
                cell.length());
        assertEquals(expected, Arrays.stream(ends).boxed().toList());
    }
}
