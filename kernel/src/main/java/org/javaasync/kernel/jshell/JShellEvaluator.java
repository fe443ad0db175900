package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.javaasync.kernel.display.Display;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.evaluator.CellExitError;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.evaluator.SnippetRunner;
import org.javaasync.kernel.jshell.errors.CellText;
import org.javaasync.kernel.jshell.errors.CompileErrors;
import org.javaasync.kernel.jshell.errors.SnippetFrames;
import org.javaasync.kernel.jshell.errors.SnippetOrigins;
import org.javaasync.kernel.jshell.rewrite.AwaitRewriter;
import org.javaasync.kernel.jshell.rewrite.RewrittenSource;
import org.javaasync.kernel.trace.RuntimeErrors;

/**
 * The kernel's evaluator: JShell running cells in the kernel's own JVM.
 *
 * <p>A cell is split into snippets ({@link CellSplitter}) that JShell evaluates in order. Snippet classes are defined
 * by the kernel's {@link KernelExecutionControl}: instrumented for interrupts and {@code System.exit}, and run by a
 * {@link SnippetRunner}. The last bare expression's value comes back as the live object. Compile errors point at cell
 * lines and columns ({@link CompileErrors}); exceptions come back with the user's frames as cell lines
 * ({@link RuntimeErrors}). See {@code docs/evaluator.md}.
 *
 * <p>Threading: as {@link Evaluator} says. JShell itself is not thread-safe, so one lock guards it; the lock is
 * released while snippet code runs, so completion and inspection answer during a long cell.
 */
public final class JShellEvaluator implements Evaluator {

    private final JShellLock lock = new JShellLock();
    private final KernelExecutionControl control;
    private final JShell jshell;
    private final CellSplitter splitter;
    private final SnippetOrigins origins = new SnippetOrigins();
    private final RuntimeErrors runtimeErrors = new RuntimeErrors(origins::locate);
    private final CodeAnalysis analysis;
    private final SnippetClassFiles classFiles;
    private final SnippetFrames frames;
    /** Numbers for {@link #eval(String)}, the convenience for callers without cell numbers of their own. */
    private int unnumbered;

    /** An evaluator running snippets on a kernel-owned thread ({@link ThreadSnippetRunner}). */
    public JShellEvaluator() {
        this(new ThreadSnippetRunner());
    }

    /** An evaluator running snippets with {@code runner}. */
    public JShellEvaluator(SnippetRunner runner) {
        ClassLoader kernelLoader = JShellEvaluator.class.getClassLoader();
        this.control = new KernelExecutionControl(new SnippetLoaderDelegate(kernelLoader), runner, lock);
        this.jshell =
                JShell.builder().executionEngine(control.provider(), Map.of()).build();
        this.splitter = new CellSplitter(jshell.sourceCodeAnalysis());
        this.analysis = new CodeAnalysis(jshell);
        this.classFiles = SnippetClassFiles.of(jshell);
        this.frames = SnippetFrames.of(jshell);
        control.onClassLoad(frames::loaded);
        InactiveTypeKeys.install(jshell);
        lock.lock();
        try {
            jshell.addToClasspath(KernelClassPath.of(kernelLoader));
            DefaultImports.install(jshell);
        } finally {
            lock.unlock();
        }
    }

    /** Evaluates {@code code} as the next cell of a session that numbers no cells itself (tests, benchmarks). */
    public EvalOutcome eval(String code) {
        return eval(code, CellRun.of(++unnumbered));
    }

    @Override
    public EvalOutcome eval(String code, CellRun run) {
        try {
            // The whole cell, compile and run, goes to the runner at once: a loop runner makes it one task.
            return control.runner().runCell(() -> evalLocked(code, run));
        } catch (CellInterruptedError e) {
            return interrupted(null, run.number());
        } catch (Exception e) {
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.RUNTIME,
                    e.getClass().getName(),
                    String.valueOf(e.getMessage()),
                    List.of(e.toString()));
        }
    }

    private EvalOutcome evalLocked(String cell, CellRun run) {
        lock.lockHoldingTheLoop();
        try {
            control.beginCell(run.interrupt());
            try {
                return evalCell(cell, run.number());
            } finally {
                control.endCell();
            }
        } finally {
            lock.unlock();
        }
    }

    private EvalOutcome evalCell(String cell, int cellNumber) {
        // The await extension: the rewrite keeps every line where it was, so only columns need mapping back.
        RewrittenSource rewritten = AwaitRewriter.rewrite(cell);
        CellText text = new CellText(rewritten.text());
        CompileErrors errors = new CompileErrors(cell, rewritten::toOriginal);
        List<DeclarationSnippet> declared = new ArrayList<>();
        List<CellSnippet> snippets = splitter.split(rewritten.text());
        EvalOutcome outcome = new EvalOutcome.NoValue();
        int skipped = 0;
        for (int i = 0; i < snippets.size(); i++) {
            CellSnippet snippet = snippets.get(i);
            if (!errors.isEmpty() && !isDeclaration(snippet)) {
                // After a compile error nothing more runs; declarations are still compiled to report their errors.
                skipped++;
                continue;
            }
            if (control.interrupted()) {
                return interrupted(null, cellNumber);
            }
            origins.evaluating(cellNumber, text.lineOf(snippet.offset()));
            List<SnippetEvent> events;
            try {
                events = jshell.eval(snippet.source());
            } finally {
                origins.evaluated();
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue; // an update of an earlier snippet that this one caused
                }
                Snippet sn = event.snippet();
                origins.record(sn.id(), cellNumber, text.lineOf(snippet.offset()));
                if (event.status() == Snippet.Status.REJECTED) {
                    addCompileErrors(errors, snippet, sn);
                    continue;
                }
                if (sn instanceof DeclarationSnippet declaration) {
                    declared.add(declaration);
                }
                if (sn.kind() == Snippet.Kind.STATEMENT || sn.kind() == Snippet.Kind.EXPRESSION) {
                    classFiles.forget(sn); // nothing can refer to a statement's class, and it has run
                }
                if (event.exception() != null) {
                    return failure(event.exception(), cellNumber);
                }
                if (control.interrupted()) {
                    return interrupted(null, cellNumber);
                }
                boolean last = i == snippets.size() - 1;
                Object value = control.lastValue();
                outcome = last && producesValue(sn) && !Display.isDisplayId(value)
                        ? new EvalOutcome.Value(value)
                        : new EvalOutcome.NoValue();
                if (sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    forgetTemporary((VarSnippet) sn);
                }
            }
        }
        reportUnresolved(declared);
        if (!errors.isEmpty()) {
            if (skipped > 0) {
                errors.note(skipped + (skipped == 1 ? " statement" : " statements")
                        + " after the first error did not run.");
            }
            return errors.outcome();
        }
        return outcome;
    }

    /**
     * Drops a temporary ({@code $12}) once its value is taken. The kernel never shows these names, and every active
     * declaration adds an import to the wrapper of every later snippet: kept, they made each cell slower than the
     * last (measured: 25 ms of javac time for {@code 1 + 1} after warm-up, 41 ms 300 cells later). Clearing its
     * field lets the value be collected too.
     */
    private void forgetTemporary(VarSnippet temporary) {
        jshell.drop(temporary);
        control.forgetTemporary(temporary.name());
        classFiles.forget(temporary);
    }

    @Override
    public String locate(StackTraceElement frame) {
        if (!frame.getClassName().startsWith("REPL.")) {
            return null;
        }
        SnippetFrames.Place known = frames.placeLoaded(frame);
        if (known != null) {
            return origins.locate(known.snippetId(), known.line());
        }
        try {
            // JShell's maps change while a cell compiles; a report can wait that long, not for a long compile.
            if (!lock.tryLock(500, TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            SnippetFrames.Place place = frames.place(frame);
            return place == null ? null : origins.locate(place.snippetId(), place.line());
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} holding JShell's lock, as a long compile does (for tests of what waits on it). */
    void holdingJShellLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** How many snippet class files JShell keeps for javac, or -1 when they cannot be pruned (for tests). */
    int keptClassFiles() {
        lock.lock();
        try {
            return classFiles.count();
        } finally {
            lock.unlock();
        }
    }

    private boolean isDeclaration(CellSnippet snippet) {
        return jshell.sourceCodeAnalysis().sourceToSnippets(snippet.source()).stream()
                .allMatch(s -> s.kind() == Snippet.Kind.METHOD
                        || s.kind() == Snippet.Kind.TYPE_DECL
                        || s.kind() == Snippet.Kind.IMPORT);
    }

    private void addCompileErrors(CompileErrors errors, CellSnippet snippet, Snippet sn) {
        int before = errors.count();
        errors.add(snippet.offset(), snippet.source(), jshell.diagnostics(sn).toList());
        if (errors.count() == before) {
            errors.addAt(snippet.offset(), snippet.offset() + 1, "this code could not be compiled");
        }
    }

    private static boolean producesValue(Snippet sn) {
        return sn.kind() == Snippet.Kind.EXPRESSION || sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private EvalOutcome failure(JShellException exception, int cellNumber) {
        Throwable thrown = control.lastThrown();
        if (control.interrupted() || thrown instanceof CellInterruptedError) {
            return interrupted(exception, cellNumber);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String message = describe(unresolved.getSnippet()) + " cannot be called until "
                    + String.join(
                            ", ",
                            jshell.unresolvedDependencies(unresolved.getSnippet())
                                    .toList())
                    + " is declared";
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.COMPILE,
                    "UnresolvedReference",
                    message,
                    List.of("UnresolvedReference: " + message));
        }
        EvalException eval = (EvalException) exception;
        List<String> traceback = runtimeErrors.traceback(eval, cellNumber);
        if (thrown instanceof CellExitError exit) {
            traceback = new ArrayList<>(traceback);
            traceback.set(0, "SystemExit: " + exit.getMessage());
            return new EvalOutcome.Error(EvalOutcome.Kind.EXIT, "SystemExit", exit.getMessage(), traceback);
        }
        return new EvalOutcome.Error(
                EvalOutcome.Kind.RUNTIME,
                eval.getExceptionClassName(),
                eval.getMessage() == null ? "" : eval.getMessage(),
                traceback);
    }

    private EvalOutcome interrupted(JShellException exception, int cellNumber) {
        List<String> traceback = new ArrayList<>();
        traceback.add("Interrupted: the cell was stopped.");
        if (exception instanceof EvalException eval) {
            // Where the cell's own code was when it stopped; JDK frames of a blocking call add nothing here.
            runtimeErrors.traceback(eval, cellNumber).stream()
                    .filter(line -> line.startsWith("    at ") && (line.contains("(line ") || line.contains("(cell ")))
                    .forEach(traceback::add);
        }
        return new EvalOutcome.Error(
                EvalOutcome.Kind.INTERRUPTED, "Interrupted", "The cell was interrupted", traceback);
    }

    /** Declarations of this cell that still wait for something undeclared: say so, as JShell's tool does. */
    private void reportUnresolved(List<DeclarationSnippet> declared) {
        for (DeclarationSnippet declaration : declared) {
            Snippet.Status status = jshell.status(declaration);
            if (!status.isActive() || status.isDefined() && status != Snippet.Status.RECOVERABLE_DEFINED) {
                continue;
            }
            List<String> missing = jshell.unresolvedDependencies(declaration).toList();
            if (missing.isEmpty() || missing.stream().allMatch(name -> name.contains("$async"))) {
                // An async method's wrapper waits for its body method only when that body failed to compile, and
                // the compile error already says why; the rewrite's hidden name would only confuse.
                continue;
            }
            String use = status == Snippet.Status.RECOVERABLE_DEFINED ? "cannot be called" : "cannot be used";
            Output.current().stream(
                    "stderr",
                    "Note: " + describe(declaration) + " was declared but " + use + " until "
                            + String.join(", ", missing) + " is declared.\n");
        }
    }

    private static String describe(DeclarationSnippet declaration) {
        return switch (declaration.kind()) {
            case METHOD -> "method " + declaration.name() + "()";
            case TYPE_DECL -> "class " + declaration.name();
            case VAR -> "variable " + declaration.name();
            default -> declaration.name();
        };
    }

    @Override
    public Completion complete(String code, int cursor) {
        lock.lock();
        try {
            RewrittenSource rewritten = AwaitRewriter.rewrite(code);
            Completion found = analysis.complete(rewritten.text(), rewritten.toRewritten(cursor));
            return new Completion(
                    found.matches(),
                    rewritten.toOriginal(found.cursorStart()),
                    rewritten.toOriginal(found.cursorEnd()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        lock.lock();
        try {
            RewrittenSource rewritten = AwaitRewriter.rewrite(code);
            return analysis.inspect(rewritten.text(), rewritten.toRewritten(cursor), detailLevel);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Completeness isComplete(String code) {
        lock.lock();
        try {
            return analysis.isComplete(AwaitRewriter.rewrite(code).text());
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc} JShell adds the entries to the compiler's class path and, through the execution control, to the
     * {@link SnippetClassLoader}, so both see the same jars.
     */
    @Override
    public void addToClasspath(String path) {
        lock.lock();
        try {
            jshell.addToClasspath(path);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Warms JShell and the JIT in the background (a representative evaluation, completion and inspection), so that
     * the user's first cell is fast. The warm-up's snippets are dropped: they leave nothing in the session. A cell
     * evaluated meanwhile waits for the warm-up step in progress, never for all of it.
     */
    public CompletableFuture<Void> warmUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().name("jshell-warmup").daemon(true).start(() -> {
            try {
                // The warm-up's snippets run on this thread: they are no user's tasks and belong in no cell.
                control.runHere(new WarmUp(jshell, lock, analysis)::run);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public void close() {
        control.stopCurrentCell();
        lock.lock();
        try {
            analysis.close();
            jshell.close();
        } finally {
            lock.unlock();
        }
    }
}
