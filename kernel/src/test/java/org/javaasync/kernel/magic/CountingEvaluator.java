package org.javaasync.kernel.magic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;

/** The real evaluator, remembering what it was asked to evaluate. */
final class CountingEvaluator implements Evaluator {

    final Evaluator real;
    final List<String> evaluated = new CopyOnWriteArrayList<>();
    final List<String> classpath = new CopyOnWriteArrayList<>();

    CountingEvaluator(Evaluator real) {
        this.real = real;
    }

    @Override
    public EvalOutcome eval(String cell, CellRun run) {
        evaluated.add(cell);
        return real.eval(cell, run);
    }

    @Override
    public Completion complete(String code, int cursor) {
        return real.complete(code, cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        return real.inspect(code, cursor, detailLevel);
    }

    @Override
    public Completeness isComplete(String code) {
        return real.isComplete(code);
    }

    @Override
    public void addToClasspath(String path) {
        classpath.add(path);
        real.addToClasspath(path);
    }

    @Override
    public void close() {
        real.close();
    }
}
