package org.javaasync.kernel.service;

import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;

/**
 * Completion, inspection and the completeness check of a cell being typed, answered by the session's evaluator on
 * the cell's Java ({@link CellSyntax#javaOf}): magic lines are blanked, so a cursor after them needs no mapping.
 * Requests wait while the evaluator starts, never for a running cell. Any thread.
 */
public final class AnalysisService {

    private final EvaluatorHost evaluators;

    public AnalysisService(EvaluatorHost evaluators) {
        this.evaluators = evaluators;
    }

    /** Completions at {@code cursor}, a UTF-16 offset into {@code code}. */
    public Completion complete(String code, int cursor) throws InterruptedException {
        return evaluators.get().complete(CellSyntax.javaOf(code), cursor);
    }

    /** Documentation of what is at {@code cursor}; {@code detailLevel} 0 is a summary, 1 adds detail. */
    public Inspection inspect(String code, int cursor, int detailLevel) throws InterruptedException {
        return evaluators.get().inspect(CellSyntax.javaOf(code), cursor, detailLevel);
    }

    /** Whether {@code code} is ready to run: {@code exit}, {@code ?name} and magic-only cells are. */
    public Completeness isComplete(String code) throws InterruptedException {
        if (!(CellSyntax.of(code) instanceof CellSyntax.Code)) {
            return new Completeness(Completeness.Status.COMPLETE, null);
        }
        Evaluator evaluator = evaluators.get();
        return evaluator.isComplete(CellSyntax.javaOf(code));
    }
}
