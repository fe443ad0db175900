package org.javaasync.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.javaasync.kernel.evaluator.CellInterrupt;
import org.javaasync.kernel.evaluator.CellInterruptedError;
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
    private final ReentrantLock jshellLock;

    private volatile Thread snippetThread;
    /** The interrupt of the cell being evaluated, or {@code null} between cells. */
    private volatile CellInterrupt cell;
    // Per evaluating thread: the lock is released while a snippet runs, so the background warm-up may evaluate its
    // own snippets meanwhile, and must not overwrite what the user's snippet returned.
    private final ThreadLocal<Object> lastValue = new ThreadLocal<>();
    private final ThreadLocal<String> lastClassName = new ThreadLocal<>();
    private final ThreadLocal<Throwable> lastThrown = new ThreadLocal<>();
    // Set on the warm-up thread: its snippets run right there, never as tasks on the loop or in a user's cell.
    private final ThreadLocal<Boolean> runHere = ThreadLocal.withInitial(() -> false);

    KernelExecutionControl(SnippetLoaderDelegate loader, SnippetRunner runner, ReentrantLock jshellLock) {
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

    @Override
    public String invoke(String className, String methodName)
            throws RunException, InternalException, EngineTerminationException {
        lastClassName.set(className);
        return super.invoke(className, methodName);
    }

    /**
     * Clears the static field that holds a temporary variable's value ({@code $12}) in the class of the snippet that
     * ran last, so that a dropped temporary does not keep its value reachable for the rest of the session.
     */
    void forgetTemporary(String fieldName) {
        try {
            var field = findClass(lastClassName.get()).getDeclaredField(fieldName);
            if (!field.getType().isPrimitive() && !Modifier.isFinal(field.getModifiers())) {
                field.setAccessible(true);
                field.set(null, null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Only memory is at stake: the value stays reachable, nothing else changes.
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        lastValue.remove();
        lastThrown.remove();
        int holds = jshellLock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            jshellLock.unlock();
        }
        try {
            lastValue.set(runHere.get() ? call(doit) : runner.run(() -> call(doit)));
            // JShell only keeps this string; the kernel renders the live object itself, on its own terms.
            return "";
        } catch (Throwable t) {
            lastThrown.set(t);
            throw new InvocationTargetException(t);
        } finally {
            for (int i = 0; i < holds; i++) {
                jshellLock.lock();
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
        CellInterrupts.clear();
        cell = interrupt;
        interrupt.onInterrupt(() -> stop(interrupt));
    }

    /** The cell has ended: a late interrupt of it stops nothing. */
    void endCell() {
        cell = null;
        CellInterrupts.clear();
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
            CellInterrupts.stop(thread);
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
