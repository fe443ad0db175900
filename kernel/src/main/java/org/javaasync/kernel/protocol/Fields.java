package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed reads of request content. A missing optional field takes its default; a present field of the wrong type
 * is a {@link BadRequestException} that names the field, never a silent coercion or a dead thread.
 */
final class Fields {

    private Fields() {}

    static String string(ObjectNode content, String field) {
        JsonNode node = content.get(field);
        if (node == null || node.isNull()) {
            throw new BadRequestException("'" + field + "' is required and must be a string");
        }
        if (!node.isTextual()) {
            throw new BadRequestException("'" + field + "' must be a string, not " + node.getNodeType());
        }
        return node.asText();
    }

    static String string(ObjectNode content, String field, String fallback) {
        JsonNode node = content.get(field);
        return node == null || node.isNull() ? fallback : string(content, field);
    }

    static boolean bool(ObjectNode content, String field, boolean fallback) {
        JsonNode node = content.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new BadRequestException("'" + field + "' must be a boolean, not " + node.getNodeType());
        }
        return node.asBoolean();
    }

    static int integer(ObjectNode content, String field, int fallback) {
        JsonNode node = content.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new BadRequestException("'" + field + "' must be an integer, not " + node.getNodeType());
        }
        return node.asInt();
    }

    static ObjectNode object(ObjectNode content, String field) {
        JsonNode node = content.get(field);
        if (node == null || node.isNull()) {
            return content.objectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequestException("'" + field + "' must be an object, not " + node.getNodeType());
        }
        return object;
    }
}
