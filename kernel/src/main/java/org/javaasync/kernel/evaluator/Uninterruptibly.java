package org.javaasync.kernel.evaluator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waiting for a snippet's result on a kernel thread. The wait itself must not be cut short: an interrupt aimed at the
 * cell may reach the waiting thread too, and the cell's outcome is still needed. The interrupt status is restored.
 */
public final class Uninterruptibly {

    private Uninterruptibly() {}

    /** The result of {@code result}, or what it failed with, waiting through interrupts. */
    public static <T> T get(CompletableFuture<T> result) throws Throwable {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
