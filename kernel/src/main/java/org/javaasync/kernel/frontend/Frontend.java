package org.javaasync.kernel.frontend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.javaasync.kernel.protocol.WireMessage;

/**
 * What kernel services may do to the connected frontends, implemented by the protocol layer: publish on iopub
 * under a parent header, reply to a request, and ask for a line of input. Safe from any thread; never blocks on the
 * network.
 */
public interface Frontend {

    /** A new empty JSON object for message content. */
    ObjectNode object();

    /** Publishes on iopub with {@code parent}'s header as parent header. */
    void publish(WireMessage parent, String msgType, ObjectNode content);

    /** Replies to a shell request. */
    void reply(WireMessage request, ObjectNode content);

    /**
     * Sends an {@code input_request} to the sender of {@code request} and waits for the reply's value.
     *
     * @throws InterruptedException when the cell is interrupted while waiting
     */
    String requestInput(WireMessage request, String prompt, boolean password) throws InterruptedException;
}
