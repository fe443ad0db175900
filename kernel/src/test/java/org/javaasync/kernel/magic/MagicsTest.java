package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a cell with magics runs: dispatch, order, errors, and the Java part, against the real JShell evaluator. */
class MagicsTest {

    private static CountingEvaluator evaluator;
    private final RecordingOutput output = new RecordingOutput();
    private final List<String> order = new ArrayList<>();
    private Magics magics;

    @BeforeAll
    static void start() {
        evaluator = new CountingEvaluator(new JShellEvaluator());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @BeforeEach
    void setUp() {
        Output.setSink(output);
        evaluator.evaluated.clear();
        magics = new Magics()
                .line("first", "records its call", (call, s) -> {
                    order.add("first " + call.args());
                    return new EvalOutcome.NoValue();
                })
                .line("second", "records its call", (call, s) -> {
                    order.add("second " + call.args());
                    return new EvalOutcome.NoValue();
                })
                .line("fail", "always fails", (call, s) -> {
                    throw new MagicException("it failed on purpose");
                })
                .cell("wrap", "records around the Java", (call, s, java) -> {
                    order.add("before");
                    EvalOutcome outcome = java.get();
                    order.add("after");
                    return outcome;
                })
                .line("time", "times Java", TimeMagic::line)
                .cell("time", "times the cell", TimeMagic::cell);
    }

    @AfterEach
    void tearDown() {
        Output.setSink(null);
    }

    private static Object value(EvalOutcome outcome) {
        if (outcome instanceof EvalOutcome.Error error) {
            throw new AssertionError("cell failed: " + String.join("\n", error.traceback()));
        }
        return assertInstanceOf(EvalOutcome.Value.class, outcome).value();
    }

    @Test
    void aPlainCellGoesToTheEvaluatorUnchanged() {
        assertEquals(3, value(magics.run("1 + 2", evaluator, nextCell())));
        assertEquals(List.of("1 + 2"), evaluator.evaluated);
    }

    @Test
    void lineMagicsRunInOrderThenTheCellMagicWrapsTheJavaPart() {
        Object value = value(magics.run("%%wrap\n%first a\n%second b\n40 + 2", evaluator, nextCell()));
        assertEquals(42, value);
        assertEquals(List.of("first a", "second b", "before", "after"), order);
    }

    @Test
    void aCellOfMagicsOnlyEvaluatesNoJava() {
        EvalOutcome outcome = magics.run("%first\n\n// a comment\n%second", evaluator, nextCell());
        assertInstanceOf(EvalOutcome.NoValue.class, outcome);
        assertEquals(List.of("first ", "second "), order);
        assertEquals(List.of(), evaluator.evaluated);
    }

    @Test
    void anUnknownMagicIsAUsageErrorThatListsTheKnownOnesAndRunsNothing() {
        EvalOutcome outcome = magics.run("%first\n%nope\n1 + 1", evaluator, nextCell());
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, outcome);
        assertEquals("UsageError", error.ename());
        assertTrue(error.evalue().startsWith("unknown magic %nope."), error.evalue());
        assertTrue(error.evalue().contains("%fail %first %lsmagic %second %time %%time %%wrap"), error.evalue());
        assertEquals(List.of("first "), order);
        assertEquals(List.of(), evaluator.evaluated);
    }

    @Test
    void aLineMagicUsedAsACellMagicPointsAtTheOtherForm() {
        EvalOutcome.Error error =
                assertInstanceOf(EvalOutcome.Error.class, magics.run("%%first\n1", evaluator, nextCell()));
        assertTrue(error.evalue().contains("unknown magic %%first (there is %first)"), error.evalue());
    }

    @Test
    void aFailingMagicEndsTheCellWithItsMessageAndTheJavaDoesNotRun() {
        EvalOutcome outcome = magics.run("%fail\nint neverDeclared = 1;", evaluator, nextCell());
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, outcome);
        assertEquals(List.of("UsageError: it failed on purpose"), error.traceback());
        assertEquals(List.of(), evaluator.evaluated);
    }

    @Test
    void theJavaPartKeepsTheLineNumbersOfTheCell() {
        EvalOutcome outcome = magics.run("%first\n%second\nint x = ;", evaluator, nextCell());
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, outcome);
        assertTrue(String.join("\n", error.traceback()).contains("line 3"), String.join("\n", error.traceback()));
    }

    @Test
    void lsmagicListsEveryMagicWithItsSummary() {
        magics.run("%lsmagic", evaluator, nextCell());
        String listing = output.stdout.toString();
        assertTrue(listing.contains("%first") && listing.contains("%%wrap") && listing.contains("%lsmagic"), listing);
        assertTrue(listing.indexOf("Line magics:") < listing.indexOf("Cell magics:"), listing);
        assertTrue(listing.contains("records around the Java"), listing);
    }

    @Test
    void lineTimeShowsTheValueOfItsExpressionAndPrintsWallAndCpuTime() {
        assertEquals(42, value(magics.run("%time 6 * 7", evaluator, nextCell())));
        String printed = output.stdout.toString();
        assertTrue(
                printed.matches("CPU times: total: [0-9.]+ (s|ms|µs|ns)\nWall time: [0-9.]+ (s|ms|µs|ns)\n"), printed);
    }

    @Test
    void lineTimeWithoutJavaSaysHowToUseIt() {
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, magics.run("%time", evaluator, nextCell()));
        assertTrue(error.evalue().contains("%time needs Java"), error.evalue());
    }

    @Test
    void lineTimeErrorsPointAtTheMagicsLine() {
        EvalOutcome.Error error =
                assertInstanceOf(EvalOutcome.Error.class, magics.run("%first\n%time int y = ;", evaluator, nextCell()));
        assertTrue(String.join("\n", error.traceback()).contains("line 2"), String.join("\n", error.traceback()));
    }

    @Test
    void cellTimeTimesTheJavaPartAndKeepsItsValue() {
        assertEquals("done", value(magics.run("%%time\nThread.sleep(300);\n\"done\"", evaluator, nextCell())));
        String wall = output.stdout
                .toString()
                .lines()
                .filter(l -> l.startsWith("Wall time: "))
                .findFirst()
                .orElseThrow();
        assertTrue(wall.endsWith(" ms") || wall.endsWith(" s"), wall);
        if (wall.endsWith(" ms")) {
            assertTrue(Double.parseDouble(wall.substring(11, wall.length() - 3)) >= 300, wall);
        }
    }

    private int cells;

    /** The run of the next cell, numbered as the kernel numbers cells. */
    private CellRun nextCell() {
        return CellRun.of(++cells);
    }
}
