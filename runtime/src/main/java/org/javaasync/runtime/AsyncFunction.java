package org.javaasync.runtime;

/**
 * A body that receives a value and produces a result, and may {@code await} (it runs inside a task) and throw checked
 * exceptions; {@code await} rethrows them unchanged. For example the body of {@link Asyncio#taskGroup(AsyncFunction)},
 * which receives the group.
 *
 * @param <A> the type of the value received
 * @param <R> the result type
 */
@FunctionalInterface
public interface AsyncFunction<A, R> {
    /**
     * Runs the body.
     *
     * @param argument the value received
     * @return the result
     * @throws Exception any failure, rethrown as it is to whoever awaits the body
     */
    R apply(A argument) throws Exception;
}
