package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the kernel's outgoing messages: fresh headers in the kernel's session, parents set from requests. */
public final class MessageFactory {

    /** The messaging protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";

    private final ObjectMapper json;
    private final String session = UUID.randomUUID().toString();

    public MessageFactory(ObjectMapper json) {
        this.json = json;
    }

    /** A new, empty JSON object for content. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** The mapper, for turning maps and lists into JSON trees. */
    public ObjectMapper json() {
        return json;
    }

    /** A reply to {@code request}: addressed to its sender, {@code msg_type} {@code x_reply} for {@code x_request}. */
    public WireMessage reply(WireMessage request, ObjectNode content) {
        String type = request.msgType();
        String replyType =
                type.endsWith("_request") ? type.substring(0, type.length() - 8) + "_reply" : type + "_reply";
        return new WireMessage(request.identities(), header(replyType), request.header(), object(), content, List.of());
    }

    /** A message to {@code request}'s sender of a given type (an {@code input_request} on stdin, for one). */
    public WireMessage direct(WireMessage request, String msgType, ObjectNode content) {
        return new WireMessage(request.identities(), header(msgType), request.header(), object(), content, List.of());
    }

    /** An iopub message whose parent is {@code parentHeader} (an empty object for none). */
    public WireMessage publication(ObjectNode parentHeader, String msgType, ObjectNode content) {
        byte[] topic = ("kernel." + session + "." + msgType).getBytes(StandardCharsets.UTF_8);
        return new WireMessage(List.of(topic), header(msgType), parentHeader, object(), content, List.of());
    }

    private ObjectNode header(String msgType) {
        ObjectNode header = object();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("msg_type", msgType);
        header.put("session", session);
        header.put("username", "kernel");
        header.put("date", Instant.now().toString());
        header.put("version", PROTOCOL_VERSION);
        return header;
    }
}
