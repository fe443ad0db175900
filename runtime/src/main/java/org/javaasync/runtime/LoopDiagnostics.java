package org.javaasync.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs the loop's ready entries and does what debug mode adds to that: timing each callback and task step and
 * reporting those slower than the threshold with the task's name and stack. Errors escaping a callback are always
 * reported, never allowed to kill the loop (asyncio's "Exception in callback").
 *
 * <p>A slow task step is reported in the task's {@link Context}, so a reporter can read the task's context variables.
 *
 * <p>The stack of a slow step is sampled <em>while it is slow</em> by a watchdog thread (debug mode only; it wakes
 * every half threshold), so the report points at the CPU-bound code itself; without a sample (the step ended between
 * two looks) the report shows where the task is suspended now.
 */
final class LoopDiagnostics {
    private final EventLoop loop;
    volatile boolean debug;
    volatile Consumer<String> reporter;
    private final long slowNanos;
    private volatile Task<?> stepTask;
    private volatile Thread stepThread;
    private volatile long stepStartedAt;
    private volatile long sampledStepStart;
    private volatile long excludedNanos;
    private volatile StackTraceElement[] sampledStack;
    private Thread watchdog;

    LoopDiagnostics(EventLoop loop, boolean debug, Consumer<String> reporter, Duration slowCallback) {
        this.loop = loop;
        this.debug = debug;
        this.reporter = reporter;
        this.slowNanos = Math.max(1_000_000L, slowCallback.toNanos());
    }

    /** A task's step begins; recorded only in debug mode, so the plain path stays free of volatile writes. */
    void stepOf(Task<?> task, Thread taskThread) {
        if (debug) {
            stepTask = task;
            stepThread = taskThread;
        }
    }

    void run(Runnable entry) {
        if (!debug) {
            runGuarded(entry);
            return;
        }
        startWatchdog();
        stepTask = null;
        stepThread = Thread.currentThread();
        long start = System.nanoTime();
        excludedNanos = 0;
        stepStartedAt = start;
        runGuarded(entry);
        stepStartedAt = 0;
        long took = System.nanoTime() - start - excludedNanos;
        if (took > slowNanos) {
            StackTraceElement[] sample = sampledStepStart == start ? sampledStack : null;
            reportSlow(entry, took, sample);
        }
    }

    /**
     * Leaves {@code nanos} of the running step out of its measured duration (see {@link EventLoop#excludeFromStep}).
     */
    void exclude(long nanos) {
        if (debug && nanos > 0) {
            excludedNanos += nanos;
        }
    }

    private void runGuarded(Runnable entry) {
        try {
            entry.run();
        } catch (Throwable t) {
            loop.callExceptionHandler(EventLoop.errorContext(
                    "Exception in callback " + entry, t, entry instanceof Handle ? "handle" : null, entry));
        }
    }

    private void startWatchdog() {
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        watchdog = Thread.ofPlatform()
                .daemon()
                .name("javaasync-slow-callback-watchdog")
                .start(this::watch);
    }

    private void watch() {
        while (debug && !loop.isClosed()) {
            long start = stepStartedAt;
            if (start != 0 && System.nanoTime() - start > slowNanos && sampledStepStart != start) {
                Thread running = stepThread;
                StackTraceElement[] stack = running != null ? running.getStackTrace() : null;
                if (stepStartedAt == start) { // still the same step: the sample belongs to it
                    sampledStack = stack;
                    sampledStepStart = start;
                }
            }
            LockSupport.parkNanos(this, slowNanos / 2);
        }
    }

    private void reportSlow(Runnable entry, long nanos, StackTraceElement[] sample) {
        String seconds = String.format("%.3f", nanos / 1e9);
        Task<?> task = stepTask;
        String where;
        if (sample != null && sample.length > 0) {
            where = "  while it was running, it was at:\n" + StackTexts.of(sample);
        } else if (task != null && !task.isDone()) {
            where = "  the task is now suspended at:\n" + StackTexts.of(task.stack());
        } else {
            where = "";
        }
        if (task != null) {
            String text = "Executing <Task " + task.getName() + "> took " + seconds + " seconds: it blocked the"
                    + " event loop (CPU-bound work? run it with toThread(...)).\n" + where;
            // In the task's context, as the exception handler runs for a report naming a task: a tool finds there
            // what the task belongs to.
            CurrentContext.runIn(CurrentContext.bindingsOf(task.contextState()), () -> reporter.accept(text));
        } else {
            reporter.accept(
                    "Executing " + entry + " took " + seconds + " seconds: it blocked the event loop.\n" + where);
        }
    }
}
