package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.ErrorReport;

/**
 * The JSON content of the kernel's messages, built from the services' typed values: the one place where a MIME
 * bundle, an error or a status becomes message content.
 */
final class Contents {

    private final ObjectMapper json;

    Contents(ObjectMapper json) {
        this.json = json;
    }

    /** A new, empty content object. */
    ObjectNode object() {
        return json.createObjectNode();
    }

    /** {@code {"data": ..., "metadata": ...}} of a bundle, plus {@code transient.display_id} when given. */
    ObjectNode bundle(MimeBundle bundle, String displayId) {
        ObjectNode content = object();
        content.set("data", json.valueToTree(bundle.data()));
        content.set("metadata", json.valueToTree(bundle.metadata() == null ? Map.of() : bundle.metadata()));
        if (displayId != null) {
            content.putObject("transient").put("display_id", displayId);
        }
        return content;
    }

    /** {@code ename}, {@code evalue} and {@code traceback} of an error. */
    ObjectNode error(ErrorReport error) {
        ObjectNode content = object();
        content.put("ename", error.ename());
        content.put("evalue", error.evalue());
        ArrayNode traceback = content.putArray("traceback");
        error.traceback().forEach(traceback::add);
        return content;
    }

    /** An error reply: {@code status: error} and the error's fields. */
    ObjectNode errorReply(ErrorReport error) {
        ObjectNode content = object();
        content.put("status", "error");
        content.setAll(error(error));
        return content;
    }

    /** {@code {"status": "ok"}}. */
    ObjectNode ok() {
        ObjectNode content = object();
        content.put("status", "ok");
        return content;
    }

    /** A {@code status} message's content. */
    ObjectNode status(ExecutionState state) {
        ObjectNode content = object();
        content.put("execution_state", state.wireName());
        return content;
    }

    /** The kernel's {@code execution_state}s. */
    enum ExecutionState {
        STARTING,
        BUSY,
        IDLE;

        String wireName() {
            return name().toLowerCase();
        }
    }
}
