package org.javaasync.kernel.magic;

import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;

/**
 * What a magic acts on while a cell runs: the session's evaluator, the cell's run and the cell's output.
 *
 * @param evaluator the evaluator of the session (for {@code %maven} and the like)
 * @param run       the run of the cell the magic is part of
 * @param output    where the magic's own output goes: the running cell
 */
public record MagicSession(Evaluator evaluator, CellRun run, OutputSink output) {

    /** Evaluates {@code code} as part of the cell (for {@code %time expr} and the Java part of a cell magic). */
    public EvalOutcome eval(String code) {
        return evaluator.eval(code, run);
    }

    /** Prints {@code text} to the cell's stdout. */
    public void print(String text) {
        output.stream("stdout", text.endsWith("\n") ? text : text + "\n");
    }
}
