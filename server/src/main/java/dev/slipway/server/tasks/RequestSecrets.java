package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.server.tasks.context.GitUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The secret parts of a run request as {@code runs.request_json} holds them: the values of secret arguments and set
 * values ({@code isSecret}), and the credentials in a context URL ({@code https://user:token@host/…}). They are
 * sealed with the secret key while the run waits or runs, opened when it starts, and dropped when it ends.
 *
 * <p>The sealed form is the redacted request plus sealed fields: an entry keeps {@code value: ""} next to its
 * {@code sealedValue}, a URL keeps its redacted form next to {@code sealedSourceLocation}/{@code sealedContextPath}.
 * So ending a run only drops the sealed fields and needs no key, and what is left is readable but holds no secret.
 */
final class RequestSecrets {
    private static final List<String> ENTRIES = List.of("arguments", "values");
    /** {@code sourceLocation}: a quick run's context; {@code contextPath}: a task run's context override. */
    private static final Map<String, String> URLS = Map.of("sourceLocation", "sealedSourceLocation",
            "contextPath", "sealedContextPath");
    private static final String SEALED_VALUE = "sealedValue";

    private RequestSecrets() {
    }

    /** The request to store; parts sealed already stay as they are (so sealing twice changes nothing). */
    static ObjectNode seal(JsonNode request, UnaryOperator<String> seal) {
        ObjectNode copy = request.deepCopy();
        for (ObjectNode e : entries(copy)) {
            if (e.path("isSecret").asBoolean(false) && e.hasNonNull("value") && !e.has(SEALED_VALUE)) {
                e.put(SEALED_VALUE, seal.apply(e.get("value").asText()));
                e.put("value", "");
            }
        }
        URLS.forEach((field, sealed) -> {
            String url = copy.path(field).isTextual() ? copy.get(field).textValue() : null;
            if (url != null && !copy.has(sealed) && !GitUrls.redact(url).equals(url)) {
                copy.put(sealed, seal.apply(url));
                copy.put(field, GitUrls.redact(url));
            }
        });
        return copy;
    }

    /** The stored request as it was given, for the run to execute. */
    static ObjectNode open(JsonNode stored, UnaryOperator<String> open) {
        ObjectNode copy = stored.deepCopy();
        for (ObjectNode e : entries(copy)) {
            if (e.hasNonNull(SEALED_VALUE)) {
                e.put("value", open.apply(e.remove(SEALED_VALUE).asText()));
            }
        }
        URLS.forEach((field, sealed) -> {
            if (copy.hasNonNull(sealed)) {
                copy.put(field, open.apply(copy.remove(sealed).asText()));
            }
        });
        return copy;
    }

    /** The request kept once the run ended: no sealed parts, and none in plain text (requests stored before sealing). */
    static ObjectNode redact(JsonNode stored) {
        ObjectNode copy = stored.deepCopy();
        for (ObjectNode e : entries(copy)) {
            if (e.path("isSecret").asBoolean(false) || e.has(SEALED_VALUE)) {
                e.remove(SEALED_VALUE);
                e.put("value", "");
            }
        }
        URLS.forEach((field, sealed) -> {
            copy.remove(sealed);
            if (copy.path(field).isTextual()) {
                copy.put(field, GitUrls.redact(copy.get(field).textValue()));
            }
        });
        return copy;
    }

    /** The sealed texts a stored request holds (for the start's key check). */
    static List<String> sealed(JsonNode stored) {
        List<String> out = new ArrayList<>();
        if (!stored.isObject()) {
            return out;
        }
        for (ObjectNode e : entries((ObjectNode) stored)) {
            if (e.hasNonNull(SEALED_VALUE)) {
                out.add(e.get(SEALED_VALUE).asText());
            }
        }
        URLS.values().stream().filter(stored::hasNonNull).forEach(f -> out.add(stored.get(f).asText()));
        return out;
    }

    private static List<ObjectNode> entries(ObjectNode request) {
        List<ObjectNode> out = new ArrayList<>();
        for (String field : ENTRIES) {
            request.path(field).forEach(v -> {
                if (v instanceof ObjectNode o) {
                    out.add(o);
                }
            });
        }
        return out;
    }
}
