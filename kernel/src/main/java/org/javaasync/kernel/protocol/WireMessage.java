package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message as it travels on a socket: the ZeroMQ routing identities, the four JSON parts and the raw
 * buffers. Content stays a JSON tree, so a field of the wrong type is found by the handler that reads it and
 * answered with an error reply, instead of failing inside a data binder.
 */
public record WireMessage(
        List<byte[]> identities,
        ObjectNode header,
        ObjectNode parentHeader,
        ObjectNode metadata,
        ObjectNode content,
        List<byte[]> buffers) {

    /** The header's {@code msg_type}; the codec guarantees it is a string. */
    public String msgType() {
        return header.get("msg_type").asText();
    }

    /** The header's {@code msg_id}. */
    public String msgId() {
        return header.get("msg_id").asText();
    }
}
