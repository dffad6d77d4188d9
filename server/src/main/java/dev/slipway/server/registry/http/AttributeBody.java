package dev.slipway.server.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.registry.AttributeChange;
import java.io.IOException;

/** The body of a PATCH to /acr/v1: a JSON object with any of the four changeable attributes as booleans. */
final class AttributeBody {
    static final int MAX_BYTES = 64 * 1024;

    private AttributeBody() {
    }

    static AttributeChange parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the body must be a JSON object such as {\"writeEnabled\": false}");
        }
        return new AttributeChange(flag(root, "deleteEnabled"), flag(root, "writeEnabled"), flag(root, "readEnabled"),
                flag(root, "listEnabled"));
    }

    private static Boolean flag(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(name + " must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(OciError.BAD_REQUEST, message);
    }
}
