package org.javaasync.kernel.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.magic.Magics;

/**
 * Completion, inspection and the completeness check of a cell being typed. On a magic's name ({@code %ti|} among the
 * magics at the top of the cell, {@link CellSyntax#magicNameAt}) they answer from the kernel's {@link Magics},
 * without waiting for the evaluator; everywhere else the session's evaluator answers on the cell's Java
 * ({@link CellSyntax#javaOf}): magic lines are blanked, so a cursor after them needs no mapping. Requests wait while
 * the evaluator starts, never for a running cell. Any thread.
 */
public final class AnalysisService {

    /** The kind completion gives a magic, as IPython's completer does. */
    static final String MAGIC = "magic";

    private final EvaluatorHost evaluators;
    private final Magics magics;

    public AnalysisService(EvaluatorHost evaluators, Magics magics) {
        this.evaluators = evaluators;
        this.magics = magics;
    }

    /**
     * Completions at {@code cursor}, a UTF-16 offset into {@code code}. After {@code %} on a magic line: the line
     * magics, and on the cell's first line the cell magics ({@code %%name}) too.
     */
    public Completion complete(String code, int cursor) throws InterruptedException {
        Optional<CellSyntax.MagicName> magic = CellSyntax.magicNameAt(code, cursor);
        if (magic.isPresent()) {
            return magicCompletion(magic.get(), cursor);
        }
        return evaluators.get().complete(CellSyntax.javaOf(code), cursor);
    }

    private Completion magicCompletion(CellSyntax.MagicName written, int cursor) {
        List<Completion.Item> items = new ArrayList<>();
        if (written.percents().equals("%")) {
            addMatching(items, "%", magics.lineMagics(), written.typed());
        }
        if (written.cellMagicAllowed()) {
            addMatching(items, "%%", magics.cellMagics(), written.typed());
        }
        return new Completion(items, written.start(), cursor);
    }

    private static void addMatching(
            List<Completion.Item> items, String prefix, Map<String, String> magics, String typed) {
        magics.forEach((name, summary) -> {
            if (name.startsWith(typed)) {
                items.add(new Completion.Item(prefix + name, MAGIC, summary));
            }
        });
    }

    /**
     * Documentation of what is at {@code cursor}; {@code detailLevel} 0 is a summary, 1 adds detail. On a magic's
     * name, what the magic does.
     */
    public Inspection inspect(String code, int cursor, int detailLevel) throws InterruptedException {
        Optional<CellSyntax.MagicName> magic = CellSyntax.magicNameAt(code, cursor);
        if (magic.isPresent()) {
            CellSyntax.MagicName written = magic.get();
            return written.name().isEmpty() ? Inspection.none() : magics.help(written.percents() + written.name());
        }
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
