package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Typed reads of the JSON fields of run and task requests; a wrong type is the client's error (400). */
final class RequestFields {
    private RequestFields() {
    }

    /** A string, or null when absent. */
    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RunException.invalid(field + " must be a string");
        }
        return v.textValue();
    }

    /** true/false, or null when absent. */
    static Boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw RunException.invalid(field + " must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of non-empty strings (empty when absent); {@code label} names the field in messages. */
    static List<String> strings(JsonNode o, String field, String label) {
        List<String> out = new ArrayList<>();
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw RunException.invalid(label + " must be a list of strings");
        }
        v.forEach(e -> {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw RunException.invalid(label + " must be a list of non-empty strings");
            }
            out.add(e.asText());
        });
        return out;
    }

    /**
     * {@code [{name, value, isSecret}]} (empty when absent); {@code openSecret} turns a stored secret value into
     * its plain text (identity for a request's own values).
     */
    static List<QuickRequest.SetValue> setValues(JsonNode o, String field, String label, UnaryOperator<String> openSecret) {
        JsonNode v = o.get(field);
        List<QuickRequest.SetValue> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw RunException.invalid(label + " must be a list of {name, value, isSecret}");
        }
        for (JsonNode e : v) {
            String name = e.path("name").asText("");
            if (!e.isObject() || name.isBlank()) {
                throw RunException.invalid(label + " entries need a name");
            }
            boolean secret = e.path("isSecret").asBoolean(false);
            String value = e.hasNonNull("value") ? e.get("value").asText() : null;
            out.add(new QuickRequest.SetValue(name, secret && value != null ? openSecret.apply(value) : value, secret));
        }
        return out;
    }
}
