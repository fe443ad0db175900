package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.javaasync.kernel.frontend.Frontend;

/**
 * The {@link Frontend} the kernel services talk to: messages built by the {@link MessageFactory} and queued on the
 * {@link Transport}. Also matches {@code input_reply}s on the stdin channel to the {@code input_request}s waiting
 * for them.
 */
public final class ProtocolFrontend implements Frontend {

    private static final Logger LOG = Logger.getLogger(ProtocolFrontend.class.getName());

    private final Transport transport;
    private final MessageFactory messages;
    // Insertion-ordered: a reply without a usable parent (jupyter_client's input() sends none) goes to the oldest.
    private final Map<String, CompletableFuture<String>> pendingInputs =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    public ProtocolFrontend(Transport transport, MessageFactory messages) {
        this.transport = transport;
        this.messages = messages;
    }

    @Override
    public ObjectNode object() {
        return messages.object();
    }

    @Override
    public void publish(WireMessage parent, String msgType, ObjectNode content) {
        transport.send(
                Channel.IOPUB, messages.publication(parent == null ? object() : parent.header(), msgType, content));
    }

    @Override
    public void reply(WireMessage request, ObjectNode content) {
        reply(Channel.SHELL, request, content);
    }

    /** Replies on {@code channel}, the channel the request came in on. */
    public void reply(Channel channel, WireMessage request, ObjectNode content) {
        transport.send(channel, messages.reply(request, content));
    }

    @Override
    public String requestInput(WireMessage request, String prompt, boolean password) throws InterruptedException {
        ObjectNode content = object();
        content.put("prompt", prompt);
        content.put("password", password);
        WireMessage inputRequest = messages.direct(request, "input_request", content);
        CompletableFuture<String> answer = new CompletableFuture<>();
        pendingInputs.put(inputRequest.msgId(), answer);
        try {
            transport.send(Channel.STDIN, inputRequest);
            return answer.get();
        } catch (ExecutionException | CancellationException e) {
            throw new InterruptedException("input request cancelled");
        } finally {
            pendingInputs.remove(inputRequest.msgId());
        }
    }

    /** Hands an {@code input_reply} to the code waiting for it. */
    void onInputReply(WireMessage reply) {
        JsonNode parentId = reply.parentHeader().get("msg_id");
        CompletableFuture<String> waiting = parentId == null ? null : pendingInputs.get(parentId.asText());
        if (waiting == null) {
            synchronized (pendingInputs) {
                waiting = pendingInputs.values().stream().findFirst().orElse(null);
            }
        }
        if (waiting == null) {
            LOG.warning(() -> "input_reply for no pending input_request: " + reply.parentHeader());
            return;
        }
        JsonNode value = reply.content().get("value");
        waiting.complete(value != null && value.isTextual() ? value.asText() : "");
    }

    /** Cancels every pending input request (the cell waiting in {@code System.in} sees an interrupt). */
    public void cancelInputs() {
        synchronized (pendingInputs) {
            pendingInputs.values().forEach(f -> f.cancel(false));
        }
    }
}
