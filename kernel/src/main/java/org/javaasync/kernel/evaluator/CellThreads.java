package org.javaasync.kernel.evaluator;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Carries the cell that runs now to the threads cell code hands work to, so that what a {@code new Thread}, an
 * executor or {@code CompletableFuture.runAsync} prints lands in the cell that started it, as the output of a task
 * does, instead of in whichever cell runs later. The kernel compiles calls to these methods into cell code in place
 * of the JDK's ({@code Thread.start()}, {@code Thread.Builder.start/unstarted}, {@code Executor.execute},
 * {@code ExecutorService.submit}, {@code ScheduledExecutorService.schedule}, {@code CompletableFuture.runAsync} and
 * {@code supplyAsync}); each does what the JDK call does, with the work wrapped to run bound to the calling cell.
 * Public because snippet classes call them; not meant for user code.
 *
 * <p>Without a {@link Propagation} installed (outside the kernel) nothing is wrapped.
 */
public final class CellThreads {

    /** How the kernel binds work to the calling cell. */
    public interface Propagation {

        /** The cell current on the calling thread, to bind work to later. */
        Captured capture();

        /** {@code thread}, which the calling cell starts, belongs to that cell from now on. */
        void adopt(Thread thread);
    }

    /** A captured cell: {@link #open} binds the current thread to it until the returned binding is closed. */
    @FunctionalInterface
    public interface Captured {
        Bound open();
    }

    /** A binding of the current thread to a cell; closing restores what was bound before. */
    @FunctionalInterface
    public interface Bound extends AutoCloseable {
        @Override
        void close();
    }

    private static volatile Propagation propagation;

    private CellThreads() {}

    /** Installs how work is bound (the kernel does, once); {@code null} turns binding off. */
    public static void install(Propagation binding) {
        propagation = binding;
    }

    /** {@code work} bound to the calling cell, or as it is when no kernel is installed. */
    public static Runnable wrap(Runnable work) {
        Propagation p = propagation;
        if (p == null || work == null) {
            return work;
        }
        Captured cell = p.capture();
        return () -> {
            try (Bound bound = cell.open()) {
                work.run();
            }
        };
    }

    /** {@code work} bound to the calling cell. */
    public static <T> Callable<T> wrap(Callable<T> work) {
        Propagation p = propagation;
        if (p == null || work == null) {
            return work;
        }
        Captured cell = p.capture();
        return () -> {
            try (Bound bound = cell.open()) {
                return work.call();
            }
        };
    }

    /** {@code work} bound to the calling cell. */
    public static <T> Supplier<T> wrap(Supplier<T> work) {
        Propagation p = propagation;
        if (p == null || work == null) {
            return work;
        }
        Captured cell = p.capture();
        return () -> {
            try (Bound bound = cell.open()) {
                return work.get();
            }
        };
    }

    /** Replaces {@code thread.start()}: the thread belongs to the calling cell. */
    public static void start(Thread thread) {
        Propagation p = propagation;
        if (p != null) {
            p.adopt(Objects.requireNonNull(thread));
        }
        thread.start();
    }

    /** Replaces {@code CompletableFuture.runAsync(work, executor)}. */
    public static CompletableFuture<Void> runAsync(Runnable work, Executor executor) {
        return CompletableFuture.runAsync(wrap(work), executor);
    }

    /** Replaces {@code CompletableFuture.supplyAsync(work, executor)}. */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> work, Executor executor) {
        return CompletableFuture.supplyAsync(wrap(work), executor);
    }

    /** Replaces {@code executor.submit(work, result)}. */
    public static <T> Future<T> submit(ExecutorService executor, Runnable work, T result) {
        return executor.submit(wrap(work), result);
    }

    /** Replaces {@code executor.schedule(work, delay, unit)}. */
    public static ScheduledFuture<?> schedule(
            ScheduledExecutorService executor, Runnable work, long delay, TimeUnit unit) {
        return executor.schedule(wrap(work), delay, unit);
    }

    /** Replaces {@code executor.schedule(work, delay, unit)} of a {@link Callable}. */
    public static <T> ScheduledFuture<T> schedule(
            ScheduledExecutorService executor, Callable<T> work, long delay, TimeUnit unit) {
        return executor.schedule(wrap(work), delay, unit);
    }

    /** Replaces {@code executor.scheduleAtFixedRate(work, initialDelay, period, unit)}. */
    public static ScheduledFuture<?> scheduleAtFixedRate(
            ScheduledExecutorService executor, Runnable work, long initialDelay, long period, TimeUnit unit) {
        return executor.scheduleAtFixedRate(wrap(work), initialDelay, period, unit);
    }

    /** Replaces {@code executor.scheduleWithFixedDelay(work, initialDelay, delay, unit)}. */
    public static ScheduledFuture<?> scheduleWithFixedDelay(
            ScheduledExecutorService executor, Runnable work, long initialDelay, long delay, TimeUnit unit) {
        return executor.scheduleWithFixedDelay(wrap(work), initialDelay, delay, unit);
    }
}
