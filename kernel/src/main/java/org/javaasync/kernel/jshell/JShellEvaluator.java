package org.javaasync.kernel.jshell;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
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
 * <p>A cell is split into snippets ({@link CellSplitter}) that JShell compiles in order; only when all of them compiled
 * does their code run, in order ({@link CellEvaluation}). Snippet classes are defined by the kernel's
 * {@link KernelExecutionControl}: instrumented for interrupts and {@code System.exit}, and run by a
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
    private final CodeAnalysis analysis;
    private final SnippetClassFiles classFiles;
    private final SnippetFrames frames;
    private final Session session;
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
        this.session = new Session(
                jshell,
                control,
                new VariableValues(control.snippetLoader()),
                classFiles,
                origins,
                new SnippetFailures(jshell, new RuntimeErrors(origins::locate, frames::translate)),
                CompilerReset.of(jshell));
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
            return session.failures().interrupted(null, run.number());
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
        List<CellSnippet> snippets;
        try {
            snippets = splitter.split(rewritten.text(), control::interrupted);
        } catch (CellInterruptedError e) {
            return session.failures().interrupted(null, cellNumber);
        }
        return new CellEvaluation(session, cellNumber, text, errors).evaluate(snippets);
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
