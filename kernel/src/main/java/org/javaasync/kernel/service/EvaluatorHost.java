package org.javaasync.kernel.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.evaluator.CellInterrupt;
import org.javaasync.kernel.evaluator.Evaluator;

/**
 * Owns the evaluator and its warm-up. JShell takes about a second to start, so the kernel creates and warms it
 * on a background thread while already answering {@code kernel_info}; requests that need it wait for it.
 */
public final class EvaluatorHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EvaluatorHost.class.getName());

    private final Supplier<Evaluator> factory;
    private final CompletableFuture<Evaluator> ready = new CompletableFuture<>();

    /** @param factory creates (and may warm) an evaluator; called once, on a background thread */
    public EvaluatorHost(Supplier<Evaluator> factory) {
        this.factory = factory;
    }

    /** Starts creating the evaluator in the background. */
    public void start() {
        Thread warm = new Thread(
                () -> {
                    long t0 = System.nanoTime();
                    try {
                        Evaluator evaluator = factory.get();
                        ready.complete(evaluator);
                        LOG.info(() -> "evaluator ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    } catch (Throwable t) {
                        LOG.log(Level.SEVERE, "could not start the evaluator", t);
                        ready.completeExceptionally(t);
                    }
                },
                "kernel-evaluator-start");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * The evaluator, waiting for it if it is still starting.
     *
     * @throws IllegalStateException if it failed to start (the message says why)
     */
    public Evaluator get() throws InterruptedException {
        try {
            return ready.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Java evaluator failed to start: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The evaluator, waiting for it if it is still starting, for the cell of {@code interrupt}.
     *
     * @throws InterruptedException if the cell is interrupted before the evaluator is ready (or already was)
     * @throws IllegalStateException if the evaluator failed to start (the message says why)
     */
    public Evaluator get(CellInterrupt interrupt) throws InterruptedException {
        if (interrupt.isInterrupted()) {
            throw new InterruptedException("the cell was interrupted");
        }
        if (!ready.isDone()) {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            interrupt.onInterrupt(() -> stopped.complete(null));
            try {
                CompletableFuture.anyOf(ready, stopped).get();
            } catch (ExecutionException e) {
                // the evaluator failed to start: get() below says why
            }
            if (interrupt.isInterrupted()) {
                throw new InterruptedException("the cell was interrupted");
            }
        }
        return get();
    }

    /** The evaluator if it is ready, else {@code null}; never waits. */
    public Evaluator ifReady() {
        return ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : null;
    }

    @Override
    public void close() {
        Evaluator evaluator = ifReady();
        if (evaluator != null) {
            try {
                evaluator.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the evaluator failed", e);
            }
        }
    }
}
