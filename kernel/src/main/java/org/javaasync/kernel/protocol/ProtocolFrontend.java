package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.frontend.Parent;
import org.javaasync.kernel.protocol.Contents.ExecutionState;

/**
 * The {@link Frontend} the services talk to: each call becomes a message built by the {@link MessageFactory} and
 * queued on the {@link Outbox}, with the request of its {@link Parent} as parent header. Also sends the protocol
 * layer's own messages (status, replies), and matches {@code input_reply}s on the stdin channel to the
 * {@code input_request}s waiting for them.
 */
public final class ProtocolFrontend implements Frontend {

    private static final Logger LOG = Logger.getLogger(ProtocolFrontend.class.getName());

    private final Outbox outbox;
    private final MessageFactory messages;
    private final Contents contents;
    // Insertion-ordered: a reply without a usable parent (jupyter_client's input() sends none) goes to the oldest.
    private final Map<String, CompletableFuture<String>> pendingInputs =
            Collections.synchronizedMap(new LinkedHashMap<>());

    public ProtocolFrontend(Outbox outbox, MessageFactory messages) {
        this.outbox = outbox;
        this.messages = messages;
        this.contents = new Contents(messages.json());
    }

    Contents contents() {
        return contents;
    }

    @Override
    public void stream(Parent parent, String name, String text) {
        ObjectNode content = contents.object();
        content.put("name", name);
        content.put("text", text);
        publish(WireParent.of(parent), "stream", content);
    }

    @Override
    public void display(Parent parent, MimeBundle bundle, String displayId) {
        ObjectNode content = contents.bundle(bundle, displayId);
        if (displayId == null) {
            content.putObject("transient");
        }
        publish(WireParent.of(parent), "display_data", content);
    }

    @Override
    public void updateDisplay(Parent parent, MimeBundle bundle, String displayId) {
        publish(WireParent.of(parent), "update_display_data", contents.bundle(bundle, displayId));
    }

    @Override
    public void clearOutput(Parent parent, boolean wait) {
        ObjectNode content = contents.object();
        content.put("wait", wait);
        publish(WireParent.of(parent), "clear_output", content);
    }

    @Override
    public void executeResult(Parent parent, int executionCount, MimeBundle bundle) {
        ObjectNode content = contents.bundle(bundle, null);
        content.put("execution_count", executionCount);
        publish(WireParent.of(parent), "execute_result", content);
    }

    @Override
    public void error(Parent parent, ErrorReport error) {
        publish(WireParent.of(parent), "error", contents.error(error));
    }

    @Override
    public String requestInput(Parent parent, String prompt, boolean password) throws InterruptedException {
        ObjectNode content = contents.object();
        content.put("prompt", prompt);
        content.put("password", password);
        WireMessage inputRequest = messages.direct(WireParent.of(parent), "input_request", content);
        CompletableFuture<String> answer = new CompletableFuture<>();
        pendingInputs.put(inputRequest.msgId(), answer);
        try {
            outbox.send(Channel.STDIN, inputRequest);
            return answer.get();
        } catch (ExecutionException | CancellationException e) {
            throw new InterruptedException("input request cancelled");
        } finally {
            pendingInputs.remove(inputRequest.msgId());
        }
    }

    /** Publishes on iopub with {@code parent}'s header as parent header ({@code null}: none). */
    void publish(WireMessage parent, String msgType, ObjectNode content) {
        ObjectNode parentHeader = parent == null ? contents.object() : parent.header();
        outbox.send(Channel.IOPUB, messages.publication(parentHeader, msgType, content));
    }

    /** Publishes the kernel's {@code execution_state} for {@code parent}'s request. */
    void status(WireMessage parent, ExecutionState state) {
        publish(parent, "status", contents.status(state));
    }

    /** Replies on {@code channel}, the channel the request came in on. */
    void reply(Channel channel, WireMessage request, ObjectNode content) {
        outbox.send(channel, messages.reply(request, content));
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
    void cancelInputs() {
        synchronized (pendingInputs) {
            pendingInputs.values().forEach(f -> f.cancel(false));
        }
    }
}
