package org.javaasync.kernel.evaluator;

import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Task;

/**
 * The calls that the kernel compiles into cell code: an interrupt check at every method entry and loop back-edge,
 * and stand-ins for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}. Public because snippet
 * classes, defined by another class loader, call these methods; not meant for user code.
 *
 * <p>A stop targets exactly one piece of running code, so that threads and tasks the user did not interrupt run on.
 * Two can be pending at once, one of each kind:
 * <ul>
 *   <li>the thread of the cell being interrupted ({@link #stopThread}): its code throws {@link CellInterruptedError}
 *       at every check until the stop is cleared, so that a loop that catches and continues meets it again;
 *   <li>a task that holds the event loop without awaiting, such as a background task that a later cell's interrupt
 *       or {@code %cancel} stops ({@link #cancelTask}): its code throws a {@link CancelledError} once, at its next
 *       check, and the task ends cancelled, its {@code finally} blocks run and may await, as if it had been cancelled
 *       at an {@code await}.
 * </ul>
 * The check itself is two volatile reads (plain loads on x86) while nothing is stopped.
 */
public final class CellInterrupts {

    private record TaskStop(Task<?> task, String message) {}

    /** The thread whose cell code must stop, or {@code null}. */
    private static volatile Thread threadStop;
    /** The task whose code must be cancelled at its next check, or {@code null}. */
    private static volatile TaskStop taskStop;

    private CellInterrupts() {}

    /**
     * The check at loop back-edges and method entries: throws when the calling code is what a pending stop targets.
     */
    public static void check() {
        if (threadStop != null || taskStop != null) {
            fire();
        }
    }

    private static void fire() {
        if (threadStop == Thread.currentThread()) {
            throw new CellInterruptedError();
        }
        TaskStop pending = taskStop;
        if (pending != null && pending.task() == Task.current()) {
            clearTask(pending); // once: the task's finally blocks must be able to run
            throw new CancelledError(pending.message());
        }
    }

    /** Replaces {@code System.exit(status)} in snippet code. */
    public static void systemExit(int status) {
        throw new CellExitError("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)} in snippet code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExitError("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)} in snippet code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new CellExitError("Runtime.halt", status);
    }

    /** Makes the checks on {@code thread} throw {@link CellInterruptedError}, until {@link #clear()}. */
    public static void stopThread(Thread thread) {
        threadStop = thread;
    }

    /**
     * Makes the next check in {@code task}'s code throw a {@link CancelledError} with {@code message}: the way to
     * cancel a task that runs without awaiting, whose loop therefore never delivers a cancellation.
     */
    public static void cancelTask(Task<?> task, String message) {
        taskStop = new TaskStop(task, message);
    }

    /** Withdraws the stop of a cell's thread: the interrupted cell has ended, or a new one begins. */
    public static void clearThread() {
        threadStop = null;
    }

    /** Withdraws the cancellation of {@code task} if it has not fired yet (the task has ended otherwise). */
    public static void clearTask(Task<?> task) {
        TaskStop pending = taskStop;
        if (pending != null && pending.task() == task) {
            clearTask(pending);
        }
    }

    private static synchronized void clearTask(TaskStop fired) {
        if (taskStop == fired) {
            taskStop = null;
        }
    }
}
