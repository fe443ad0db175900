package org.javaasync.kernel.protocol;

/**
 * Where outgoing messages are queued for their socket: the {@link Transport} in the kernel, a recording outbox in
 * tests of the protocol layer. Implementations are thread-safe and never block on the network.
 */
@FunctionalInterface
public interface Outbox {

    /** Queues {@code message} for {@code channel}. */
    void send(Channel channel, WireMessage message);
}
