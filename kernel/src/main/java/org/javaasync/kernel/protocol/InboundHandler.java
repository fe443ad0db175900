package org.javaasync.kernel.protocol;

/**
 * Receives every well-formed, correctly signed message. Called on the transport's I/O thread: implementations
 * hand work to other threads and return at once, or the sockets stop being served.
 */
@FunctionalInterface
public interface InboundHandler {

    void onMessage(Channel channel, WireMessage message);
}
