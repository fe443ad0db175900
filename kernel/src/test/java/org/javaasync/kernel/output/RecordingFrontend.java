package org.javaasync.kernel.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.protocol.WireMessage;

/** A frontend that records what the kernel published, for tests. */
final class RecordingFrontend implements Frontend {

    record Published(WireMessage parent, String msgType, ObjectNode content) {}

    final ObjectMapper json = new ObjectMapper();
    final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public ObjectNode object() {
        return json.createObjectNode();
    }

    @Override
    public void publish(WireMessage parent, String msgType, ObjectNode content) {
        published.add(new Published(parent, msgType, content));
    }

    @Override
    public void reply(WireMessage request, ObjectNode content) {
        published.add(new Published(request, "reply", content));
    }

    @Override
    public String requestInput(WireMessage request, String prompt, boolean password) {
        return "typed";
    }

    String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (Published p : published) {
            if (p.msgType().equals("stream") && p.content().get("name").asText().equals(name)) {
                text.append(p.content().get("text").asText());
            }
        }
        return text.toString();
    }
}
