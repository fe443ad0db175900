package org.javaasync.kernel.jshell;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.Snippet.Status;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.javaasync.kernel.display.Display;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.jshell.errors.CellText;
import org.javaasync.kernel.jshell.errors.CompileErrors;
import org.javaasync.kernel.jshell.errors.SnippetOrigins;

/**
 * One evaluation of a cell, in two passes, so that a cell that does not compile runs nothing (Python does not run a
 * line of a cell with a {@code SyntaxError}; the kernel ran the statements before a compile error, and a ticker task
 * a cell started ran twice once the error was fixed and the cell run again).
 *
 * <ol>
 *   <li>{@link #compile}: JShell compiles and installs each snippet in order, as it always does, but the execution
 *       control keeps the code it is asked to run instead of running it ({@link KernelExecutionControl#deferring}).
 *       Later snippets see earlier ones' declarations (their types are all they need), so a cell is compiled as
 *       JShell would compile it, and exactly once: a cell that compiles costs nothing more than before.</li>
 *   <li>{@link #run}, only if every snippet compiled: the kept code runs in order, with what JShell did in between
 *       (a redefinition replacing a variable's class: {@link VariableValues}) at its place.</li>
 * </ol>
 * When the cell stops early (a compile error, an exception, an interrupt) the variables whose declarations did not
 * run are taken back ({@link #abandon}): a new one is dropped, a redeclared one keeps its earlier value, so no
 * variable is silently left at {@code 0} or {@code null}. Declarations of methods and classes that compiled stay
 * defined, as before.
 *
 * <p>Confined to the evaluating thread, under JShell's lock (released while cell code runs).
 */
final class CellEvaluation {

    /** One step of the second pass. */
    private sealed interface Action {}

    /** Carry a variable's value into the class JShell replaced its own with. */
    private record Carry(VariableValues.Move move) implements Action {}

    /** Run a snippet's code; {@code variable} is the variable it declares (its code computes the value), if any. */
    private record Run(Snippet snippet, Method doit, int firstLine, boolean lastSource, VarSnippet variable)
            implements Action {}

    private final JShell jshell;
    private final KernelExecutionControl control;
    private final VariableValues variables;
    private final SnippetClassFiles classFiles;
    private final SnippetOrigins origins;
    private final SnippetFailures failures;
    private final CompilerReset compiler;
    private final int cellNumber;
    private final CellText text;
    private final CompileErrors errors;
    private final List<Action> actions = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<DeclarationSnippet> declared = new ArrayList<>();
    private final Set<String> redefinedTypes = new HashSet<>();
    /** A variable declared in this cell → the declaration of the same name it overwrote. */
    private final Map<VarSnippet, VarSnippet> replacedBy = new IdentityHashMap<>();

    private int notCompiled;

    /**
     * @param cellNumber the cell's number, for traces
     * @param text       the cell as compiled (after the await rewrite)
     * @param errors     where the cell's compile errors go, mapped back to the cell as typed
     */
    CellEvaluation(Session session, int cellNumber, CellText text, CompileErrors errors) {
        this.jshell = session.jshell();
        this.control = session.control();
        this.variables = session.variables();
        this.classFiles = session.classFiles();
        this.origins = session.origins();
        this.failures = session.failures();
        this.compiler = session.compiler();
        this.cellNumber = cellNumber;
        this.text = text;
        this.errors = errors;
    }

    /** Compiles, then runs if everything compiled: the cell's outcome, with its notices. */
    EvalOutcome evaluate(List<CellSnippet> snippets) {
        if (!compile(snippets)) {
            abandon(0);
            return failures.interrupted(null, cellNumber).withWarnings(notes());
        }
        if (!errors.isEmpty()) {
            boolean couldRun = notCompiled > 0 || actions.stream().anyMatch(Run.class::isInstance);
            abandon(0);
            if (couldRun) {
                errors.note("Nothing in this cell ran: a cell runs only when all of it compiles."
                        + (notCompiled == 0
                                ? ""
                                : " " + notCompiled + (notCompiled == 1 ? " statement" : " statements")
                                        + " after the first error " + (notCompiled == 1 ? "was" : "were")
                                        + " not compiled."));
            }
            return errors.outcome().withWarnings(notes());
        }
        return run().withWarnings(notes());
    }

    // ---- first pass: compile ---------------------------------------------------------------------------------

    /** Compiles every snippet, keeping their code to run; {@code false} if the cell was interrupted meanwhile. */
    private boolean compile(List<CellSnippet> snippets) {
        control.deferring(true);
        try {
            for (int i = 0; i < snippets.size(); i++) {
                CellSnippet snippet = snippets.get(i);
                if (!errors.isEmpty() && !isDeclaration(snippet)) {
                    // After an error only declarations are compiled, to report their errors too: a statement would
                    // mostly report what the first error left undeclared.
                    notCompiled++;
                    continue;
                }
                if (control.interrupted()) {
                    return false;
                }
                int firstLine = text.lineOf(snippet.offset());
                List<SnippetEvent> events = jshell.eval(snippet.source());
                List<Method> code = new ArrayList<>(control.takeDeferred());
                List<Action> runs = new ArrayList<>();
                for (SnippetEvent event : events) {
                    if (event.causeSnippet() == null) {
                        compiled(snippet, event, firstLine, i == snippets.size() - 1, code, runs);
                    } else {
                        updated(event, true);
                    }
                }
                // JShell updated the snippet's dependents before it would have run it: carries come first.
                actions.addAll(runs);
            }
            return true;
        } finally {
            control.deferring(false);
        }
    }

    private void compiled(
            CellSnippet source,
            SnippetEvent event,
            int firstLine,
            boolean lastSource,
            List<Method> code,
            List<Action> runs) {
        Snippet snippet = event.snippet();
        origins.record(snippet.id(), cellNumber, firstLine);
        if (event.status() == Status.REJECTED || !event.status().isDefined() && hasErrors(snippet)) {
            // The second case: javac failed only when writing the class (a string constant over 65,535 bytes).
            // JShell keeps such a snippet active, and its javac context broken: replace the context, drop the snippet.
            addCompileErrors(source, snippet);
            if (CompilerReset.breaksCompiler(jshell.diagnostics(snippet).toList())) {
                compiler.reset();
            }
            if (snippet instanceof PersistentSnippet persistent
                    && event.status().isActive()) {
                dropped(jshell.drop(persistent));
            }
            return;
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            declared.add(declaration);
        }
        if (snippet.kind() == Snippet.Kind.TYPE_DECL) {
            redefinedTypes.add(((DeclarationSnippet) snippet).name());
        }
        if (snippet.kind() == Snippet.Kind.STATEMENT || snippet.kind() == Snippet.Kind.EXPRESSION) {
            classFiles.forget(snippet); // loaded already; no later code can refer to a statement's class
        }
        if (event.status().isDefined() && snippet.subKind().isExecutable() && !code.isEmpty()) {
            VarSnippet variable = snippet instanceof VarSnippet v ? v : null;
            runs.add(new Run(snippet, code.removeFirst(), firstLine, lastSource, variable));
        }
    }

    /** An event JShell caused while compiling: an overwritten declaration, or a dependent recompiled. */
    private void updated(SnippetEvent event, boolean deferred) {
        Snippet snippet = event.snippet();
        if (event.status() == Status.OVERWRITTEN || event.status() == Status.DROPPED) {
            if (snippet instanceof VarSnippet earlier && event.causeSnippet() instanceof VarSnippet replacement) {
                replacedBy.put(replacement, earlier); // kept until the replacement has run: it may fail
            }
            return;
        }
        if (snippet instanceof VarSnippet variable && event.status().isDefined()) {
            VariableValues.Move move = variables.replaced(variable, redefinedTypes);
            if (deferred) {
                actions.add(new Carry(move));
            } else {
                notice(variables.carry(move));
            }
        }
        notice(UpdateNotices.of(event, jshell));
    }

    private void dropped(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                updated(event, false);
            } else if (event.snippet() instanceof VarSnippet variable) {
                variables.forget(variable);
            }
        }
    }

    // ---- second pass: run ------------------------------------------------------------------------------------

    private EvalOutcome run() {
        EvalOutcome outcome = new EvalOutcome.NoValue();
        for (int i = 0; i < actions.size(); i++) {
            switch (actions.get(i)) {
                case Carry carry -> notice(variables.carry(carry.move()));
                case Run run -> {
                    if (control.interrupted()) {
                        abandon(i);
                        return failures.interrupted(null, cellNumber);
                    }
                    Object value;
                    origins.evaluating(cellNumber, run.firstLine());
                    try {
                        value = control.runDeferred(run.doit());
                    } catch (Throwable thrown) {
                        abandon(i);
                        return control.interrupted() || thrown instanceof CellInterruptedError
                                ? failures.interrupted(thrown, cellNumber)
                                : failures.of(thrown, cellNumber);
                    } finally {
                        origins.evaluated();
                    }
                    ran(run);
                    if (control.interrupted()) {
                        abandon(i + 1);
                        return failures.interrupted(null, cellNumber);
                    }
                    outcome = result(run, value);
                }
            }
        }
        return outcome;
    }

    private void ran(Run run) {
        if (run.variable() != null) {
            variables.assigned(run.variable(), run.doit().getDeclaringClass());
        }
        VarSnippet replaced = run.variable() == null ? null : replacedBy.get(run.variable());
        if (replaced != null) {
            variables.forget(replaced);
        }
    }

    private EvalOutcome result(Run run, Object value) {
        Snippet snippet = run.snippet();
        boolean producesValue = snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        if (producesValue) {
            ForgottenAwait.check(value); // `f();` where f is async: the await was forgotten
        }
        if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            forgetTemporary((VarSnippet) snippet, run.doit().getDeclaringClass());
        }
        return run.lastSource() && producesValue && !Display.isDisplayId(value)
                ? new EvalOutcome.Value(value)
                : new EvalOutcome.NoValue();
    }

    /**
     * Drops a temporary ({@code $12}) once its value is taken. The kernel never shows these names, and every active
     * declaration adds an import to the wrapper of every later snippet: kept, they made each cell slower than the
     * last (measured: 25 ms of javac time for {@code 1 + 1} after warm-up, 41 ms 300 cells later). Clearing its
     * field lets the value be collected too.
     */
    private void forgetTemporary(VarSnippet temporary, Class<?> wrapper) {
        jshell.drop(temporary);
        variables.forget(temporary);
        variables.clear(wrapper, temporary);
        classFiles.forget(temporary);
    }

    // ---- stopping early --------------------------------------------------------------------------------------

    /**
     * The cell stops before action {@code from}: the values that exist still follow their variables, and the
     * variables whose declarations did not run are taken back (a new one dropped, a redeclared one given its earlier
     * value back where its type allows; otherwise it is dropped and a notice says so).
     */
    private void abandon(int from) {
        // Variables are snippets, equal only to themselves; the order is the cell's.
        Set<VarSnippet> unrun = new LinkedHashSet<>();
        for (Action action : actions.subList(from, actions.size())) {
            if (action instanceof Run run && run.variable() != null) {
                unrun.add(run.variable());
            }
        }
        for (Action action : actions.subList(from, actions.size())) {
            if (action instanceof Carry carry && !unrun.contains(carry.move().variable())) {
                notice(variables.carry(carry.move()));
            }
        }
        for (VarSnippet variable : unrun) {
            takeBack(variable, unrun);
        }
    }

    private void takeBack(VarSnippet variable, Set<VarSnippet> unrun) {
        if (!jshell.status(variable).isActive()) {
            return; // overwritten by a later declaration of this cell, itself taken back
        }
        VarSnippet earlier = replacedBy.get(variable);
        while (earlier != null && unrun.contains(earlier)) {
            earlier = replacedBy.get(earlier);
        }
        if (earlier != null && variables.keepEarlierValue(earlier, variable)) {
            return;
        }
        variables.forget(variable);
        dropped(jshell.drop(variable));
        if (earlier != null && variable.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            notice("Warning: variable " + variable.name() + " is no longer defined: the cell stopped before its new"
                    + " declaration ran, and its earlier value does not fit the new type " + variable.typeName() + ".");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private List<String> notes() {
        List<String> all = new ArrayList<>(notices);
        all.addAll(UnresolvedNotes.of(declared, jshell));
        return all;
    }

    private void notice(String notice) {
        if (notice != null) {
            notices.add(notice);
        }
    }

    private boolean hasErrors(Snippet snippet) {
        return jshell.diagnostics(snippet).anyMatch(Diag::isError);
    }

    private boolean isDeclaration(CellSnippet snippet) {
        return jshell.sourceCodeAnalysis().sourceToSnippets(snippet.source()).stream()
                .allMatch(s -> s.kind() == Snippet.Kind.METHOD
                        || s.kind() == Snippet.Kind.TYPE_DECL
                        || s.kind() == Snippet.Kind.IMPORT);
    }

    private void addCompileErrors(CellSnippet snippet, Snippet sn) {
        int before = errors.count();
        errors.add(snippet.offset(), snippet.source(), jshell.diagnostics(sn).toList());
        if (errors.count() == before) {
            errors.addAt(snippet.offset(), snippet.offset() + 1, "this code could not be compiled");
        }
    }
}
