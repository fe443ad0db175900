package org.javaasync.runtime;

/**
 * A body that receives a value and returns nothing, and may {@code await} (it runs inside a task) and throw checked
 * exceptions; {@code await} rethrows them unchanged. For example the body of {@link Asyncio#taskGroup(AsyncConsumer)},
 * which receives the group.
 *
 * @param <A> the type of the value received
 */
@FunctionalInterface
public interface AsyncConsumer<A> {
    /**
     * Runs the body.
     *
     * @param argument the value received
     * @throws Exception any failure, rethrown as it is to whoever awaits the body
     */
    void accept(A argument) throws Exception;
}
