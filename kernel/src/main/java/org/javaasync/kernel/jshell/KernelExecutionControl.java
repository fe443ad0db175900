package org.javaasync.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.javaasync.kernel.evaluator.CellInterrupt;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.javaasync.kernel.evaluator.CellInterrupts;
import org.javaasync.kernel.evaluator.SnippetRunner;

/**
 * JShell's execution engine, in the kernel's JVM: snippet classes come from a {@link SnippetClassLoader} (child of
 * the kernel's loader, instrumented) and every snippet's {@code do_it$} method is handed to the {@link SnippetRunner}.
 *
 * <p>Unlike JShell's engines it keeps what a snippet returned or threw as live objects ({@link #lastValue()},
 * {@link #lastThrown()}) instead of only their strings, and it does not call the value's {@code toString()} on the
 * evaluating thread (user code runs only on the runner). While a snippet runs, the evaluator's JShell lock is
 * released, so that completion and inspection never wait for user code.
 */
final class KernelExecutionControl extends DirectExecutionControl {

    private final SnippetLoaderDelegate loader;
    private final SnippetRunner runner;
    private final JShellLock jshellLock;

    private volatile Thread snippetThread;
    /** The interrupt of the cell being evaluated, or {@code null} between cells. */
    private volatile CellInterrupt cell;
    // Per evaluating thread: the lock is released while a snippet runs, so the background warm-up may evaluate its
    // own snippets meanwhile, and must not overwrite what the user's snippet returned.
    private final ThreadLocal<Object> lastValue = new ThreadLocal<>();
    private final ThreadLocal<Throwable> lastThrown = new ThreadLocal<>();
    // Set on the warm-up thread: its snippets run right there, never as tasks on the loop or in a user's cell.
    private final ThreadLocal<Boolean> runHere = ThreadLocal.withInitial(() -> false);
    // While a cell compiles, JShell's requests to run a snippet are kept for later (runDeferred), per evaluating
    // thread: the warm-up evaluates on its own thread meanwhile, and its snippets run at once.
    private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<List<Method>> deferred = ThreadLocal.withInitial(ArrayList::new);

    KernelExecutionControl(SnippetLoaderDelegate loader, SnippetRunner runner, JShellLock jshellLock) {
        super(loader);
        this.loader = loader;
        this.runner = runner;
        this.jshellLock = jshellLock;
    }

    /** A provider handing this very instance to {@code JShell.builder().executionEngine(...)}. */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "javaasync-in-process";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return KernelExecutionControl.this;
            }
        };
    }

    /** Runs {@code job} with its snippets invoked on the calling thread, bypassing the runner (the warm-up). */
    void runHere(Runnable job) {
        runHere.set(true);
        try {
            job.run();
        } finally {
            runHere.remove();
        }
    }

    /** Where cells and snippets run. */
    SnippetRunner runner() {
        return runner;
    }

    /**
     * Calls {@code listener} with the name of each snippet class as it loads ({@link SnippetLoaderDelegate#onLoad}).
     */
    void onClassLoad(Consumer<String> listener) {
        loader.onLoad(listener);
    }

    /** The class loader of snippet classes. */
    ClassLoader snippetLoader() {
        return loader.loader();
    }

    /**
     * From now on, on this thread, a snippet that JShell asks to run is not run but kept ({@link #takeDeferred}),
     * until {@code false}: a cell compiles all its snippets first and runs them after, so that a cell that does not
     * compile runs nothing. JShell takes the snippet for evaluated; its value and exception are what
     * {@link #runDeferred} gives.
     */
    void deferring(boolean defer) {
        deferring.set(defer);
        deferred.remove();
    }

    /**
     * The {@code do_it$} methods of the snippets JShell asked to run while deferring since the last call, in order
     * (one per executable snippet of an {@code eval}: {@code int a = f(), b = g();} makes two).
     */
    List<Method> takeDeferred() {
        List<Method> methods = List.copyOf(deferred.get());
        deferred.get().clear();
        return methods;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (deferring.get()) {
            deferred.get().add(doit);
            return "";
        }
        try {
            runDeferred(doit);
            // JShell only keeps this string; the kernel renders the live object itself, on its own terms.
            return "";
        } catch (Throwable t) {
            throw new InvocationTargetException(t);
        }
    }

    /**
     * Runs a snippet's {@code do_it$} as JShell would have: with the runner (or here, for the warm-up), JShell's lock
     * released meanwhile. Returns the live value and keeps it ({@link #lastValue()}); throws what the snippet threw,
     * as it is, and keeps that too ({@link #lastThrown()}).
     */
    Object runDeferred(Method doit) throws Throwable {
        lastValue.remove();
        lastThrown.remove();
        int holds = jshellLock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            jshellLock.unlock();
        }
        try {
            Object value = runHere.get() ? call(doit) : runner.run(() -> call(doit));
            lastValue.set(value);
            return value;
        } catch (Throwable t) {
            lastThrown.set(t);
            throw t;
        } finally {
            for (int i = 0; i < holds; i++) {
                jshellLock.lockHoldingTheLoop();
            }
        }
    }

    /** Runs on the runner's thread: the snippet body proper. */
    private Object call(Method doit) throws Exception {
        Thread current = Thread.currentThread();
        ClassLoader previousContextLoader = current.getContextClassLoader();
        snippetThread = current;
        current.setContextClassLoader(snippetLoader());
        try {
            if (interrupted()) {
                throw new CellInterruptedError();
            }
            return doit.invoke(null);
        } catch (InvocationTargetException e) {
            throw KernelExecutionControl.<RuntimeException>sneakyThrow(e.getCause());
        } finally {
            snippetThread = null;
            current.setContextClassLoader(previousContextLoader);
        }
    }

    /** Rethrows what the snippet threw as it is, even a checked {@code Throwable} that is no {@code Exception}. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** A cell begins: its snippets run until {@code interrupt} is set, which stops them. */
    void beginCell(CellInterrupt interrupt) {
        CellInterrupts.clearThread();
        cell = interrupt;
        interrupt.onInterrupt(() -> stop(interrupt));
    }

    /** The cell has ended: a late interrupt of it stops nothing. */
    void endCell() {
        cell = null;
        CellInterrupts.clearThread();
    }

    /** Whether the cell being evaluated was interrupted. */
    boolean interrupted() {
        CellInterrupt current = cell;
        return current != null && current.isInterrupted();
    }

    /** Interrupts the cell being evaluated, if any (the evaluator is closing). */
    void stopCurrentCell() {
        CellInterrupt current = cell;
        if (current != null) {
            current.interrupt();
        }
    }

    /**
     * Stops the cell of {@code interrupt} if it is still the one being evaluated: trips the interrupt checks of its
     * snippet's thread, then lets the runner stop it.
     */
    private void stop(CellInterrupt interrupt) {
        if (cell != interrupt) {
            return;
        }
        Thread thread = snippetThread;
        if (thread != null) {
            CellInterrupts.stopThread(thread);
        }
        runner.interrupt();
    }

    /** What the last snippet returned: the live object, or {@code null}. */
    Object lastValue() {
        return lastValue.get();
    }

    /** What the last snippet threw, or {@code null} when it returned normally. */
    Throwable lastThrown() {
        return lastThrown.get();
    }

    @Override
    public void stop() {
        stopCurrentCell();
    }

    /** Called by {@code JShell.close()}: releases the runner's thread if the runner owns one. */
    @Override
    public void close() {
        if (runner instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(KernelExecutionControl.class.getName())
                        .log(System.Logger.Level.WARNING, "Closing the snippet runner failed", e);
            }
        }
    }
}
