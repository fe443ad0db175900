package org.javaasync.kernel.evaluator;

import java.util.List;

/** What evaluating a cell produced. */
public sealed interface EvalOutcome {

    /** The cell ended with a bare expression; {@code value} is the live object (may be {@code null}). */
    record Value(Object value) implements EvalOutcome {}

    /** The cell ran and has nothing to show as a result. */
    record NoValue() implements EvalOutcome {}

    /**
     * The cell failed. {@code traceback} is what the frontend shows, one entry per line, already pointing at the
     * user's cell line and column.
     */
    record Error(Kind kind, String ename, String evalue, List<String> traceback) implements EvalOutcome {}

    /** Why a cell failed. */
    enum Kind {
        COMPILE,
        RUNTIME,
        INTERRUPTED,
        EXIT
    }
}
