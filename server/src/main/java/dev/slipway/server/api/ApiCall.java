package dev.slipway.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One management API request: path parameters, query, JSON body and the calling admin's name. */
record ApiCall(Request request, Map<String, String> params, Fields query, String actor) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    String param(String name) {
        return params.get(name);
    }

    String query(String name) {
        Fields.Field f = query.get(name);
        return f == null ? null : f.getValue();
    }

    JsonNode body() throws IOException {
        if (request.getLength() > MAX_BODY) {
            throw new ApiException(413, "TooLarge", "request body is larger than 1 MiB");
        }
        String text = Content.Source.asString(request);
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (!n.isObject()) {
                throw new ApiException(400, "InvalidRequest", "the request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "InvalidRequest", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new ApiException(400, "InvalidRequest", field + " must be true or false");
        }
        return v.booleanValue();
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "InvalidRequest", field + " must be a string");
        }
        return v.textValue();
    }

    static Integer integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ApiException(400, "InvalidRequest", field + " must be a whole number");
        }
        return v.intValue();
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ApiException(400, "InvalidRequest", field + " must be a list of strings");
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }
}
