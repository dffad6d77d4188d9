package dev.slipway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the CLI, and small helpers for the JSON the commands build. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() { }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The text of a field, or "" when it is missing or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }
}
