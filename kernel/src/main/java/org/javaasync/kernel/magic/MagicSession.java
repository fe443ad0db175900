package org.javaasync.kernel.magic;

import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.evaluator.Evaluator;

/**
 * What a magic acts on while a cell runs: the session's evaluator and the cell's output.
 *
 * @param evaluator the evaluator of the session (for {@code %time expr}, {@code %maven} and the like)
 * @param output    where the magic's own output goes: the running cell
 */
public record MagicSession(Evaluator evaluator, OutputSink output) {

    /** Prints {@code text} to the cell's stdout. */
    public void print(String text) {
        output.stream("stdout", text.endsWith("\n") ? text : text + "\n");
    }
}
