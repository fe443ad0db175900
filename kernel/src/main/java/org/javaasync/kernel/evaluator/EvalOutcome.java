package org.javaasync.kernel.evaluator;

import java.util.List;
import java.util.stream.Stream;

/**
 * What evaluating a cell produced. Every outcome carries the cell's {@link #warnings()}: notes the evaluator has for
 * the user whatever the outcome (a variable that a redefinition reset, a method that cannot be called until something
 * is declared). The evaluator returns them; the kernel shows them, on the cell's stderr, before the result or error.
 */
public sealed interface EvalOutcome {

    /** Notes for the user, one entry per note, each a line of text without its line break; often empty. */
    List<String> warnings();

    /** This outcome with {@code more} warnings after its own. */
    EvalOutcome withWarnings(List<String> more);

    /** The cell ended with a bare expression; {@code value} is the live object (may be {@code null}). */
    record Value(Object value, List<String> warnings) implements EvalOutcome {
        public Value {
            warnings = List.copyOf(warnings);
        }

        public Value(Object value) {
            this(value, List.of());
        }

        @Override
        public Value withWarnings(List<String> more) {
            return more.isEmpty() ? this : new Value(value, concat(warnings, more));
        }
    }

    /** The cell ran and has nothing to show as a result. */
    record NoValue(List<String> warnings) implements EvalOutcome {
        public NoValue {
            warnings = List.copyOf(warnings);
        }

        public NoValue() {
            this(List.of());
        }

        @Override
        public NoValue withWarnings(List<String> more) {
            return more.isEmpty() ? this : new NoValue(concat(warnings, more));
        }
    }

    /**
     * The cell failed. {@code traceback} is what the frontend shows, one entry per line, already pointing at the
     * user's cell line and column.
     */
    record Error(Kind kind, String ename, String evalue, List<String> traceback, List<String> warnings)
            implements EvalOutcome {
        public Error {
            traceback = List.copyOf(traceback);
            warnings = List.copyOf(warnings);
        }

        public Error(Kind kind, String ename, String evalue, List<String> traceback) {
            this(kind, ename, evalue, traceback, List.of());
        }

        @Override
        public Error withWarnings(List<String> more) {
            return more.isEmpty() ? this : new Error(kind, ename, evalue, traceback, concat(warnings, more));
        }
    }

    /** Why a cell failed. */
    enum Kind {
        COMPILE,
        RUNTIME,
        INTERRUPTED,
        EXIT
    }

    private static List<String> concat(List<String> first, List<String> second) {
        if (first.isEmpty()) {
            return second;
        }
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
