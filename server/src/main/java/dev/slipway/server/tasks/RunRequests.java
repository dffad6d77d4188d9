package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Parses and checks a run request (the JSON of {@code POST /api/runs}, ACR's DockerBuildRequest and
 * Encoded/FileTaskRunRequest in one shape, selected by {@code runType}).
 *
 * <p>Timeouts: ACR accepts 300..28800 s; Slipway accepts 1..28800 so that tests and short experiments can use
 * small values. The default is 600 s.
 */
final class RunRequests {
    static final int DEFAULT_TIMEOUT = 600;
    static final int MAX_TIMEOUT = 28_800;

    private RunRequests() {
    }

    static QuickRequest parse(JsonNode b) {
        if (b == null || !b.isObject()) {
            throw RunException.invalid("the run request must be a JSON object");
        }
        String type = text(b, "runType");
        if (type == null) {
            throw RunException.invalid("runType is required (QuickBuild or QuickRun)");
        }
        int timeout = timeout(b);
        String[] platform = platform(b.get("platform"));
        return switch (type) {
            case "QuickBuild" -> build(b, timeout, platform);
            case "QuickRun" -> run(b, timeout, platform);
            default -> throw RunException.invalid("runType must be QuickBuild or QuickRun, not '" + type + "'");
        };
    }

    private static QuickRequest.Build build(JsonNode b, int timeout, String[] platform) {
        String source = text(b, "sourceLocation");
        if (source == null || source.isBlank()) {
            throw RunException.invalid("sourceLocation is required for a build");
        }
        String dockerfile = text(b, "dockerFilePath");
        Boolean push = bool(b, "isPushEnabled");
        Boolean noPush = bool(b, "noPush");
        boolean pushEnabled = (push == null || push) && (noPush == null || !noPush);
        return new QuickRequest.Build(strings(b, "imageNames"), dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile,
                values(b, "arguments"), text(b, "target"), platform[2], Boolean.TRUE.equals(bool(b, "noCache")), pushEnabled,
                timeout, source, platform[0], platform[1]);
    }

    private static QuickRequest.Run run(JsonNode b, int timeout, String[] platform) {
        String content = text(b, "taskFileContent");
        String encoded = text(b, "encodedTaskContent");
        String cmd = text(b, "cmd");
        int given = (content != null ? 1 : 0) + (encoded != null ? 1 : 0) + (cmd != null ? 1 : 0);
        if (given > 1) {
            throw RunException.invalid("give only one of taskFileContent, encodedTaskContent and cmd");
        }
        if (encoded != null) {
            content = decode("encodedTaskContent", encoded);
        }
        if (cmd != null) {
            if (cmd.isBlank()) {
                throw RunException.invalid("cmd is empty");
            }
            content = QuickTasks.cmd(cmd, b.hasNonNull("timeout") ? timeout : null);
        }
        String source = text(b, "sourceLocation");
        source = source == null || source.isBlank() ? Contexts.NONE : source;
        String taskPath = text(b, "taskFilePath");
        if (content == null && source.equals(Contexts.NONE)) {
            throw RunException.invalid("a run without a context needs taskFileContent, encodedTaskContent or cmd");
        }
        String values = text(b, "valuesContent");
        String encodedValues = text(b, "encodedValuesContent");
        if (encodedValues != null) {
            values = decode("encodedValuesContent", encodedValues);
        }
        return new QuickRequest.Run(content, content != null ? null : taskPath == null ? "acb.yaml" : taskPath, values,
                text(b, "valuesFilePath"), values(b, "values"), timeout, source, platform[0], platform[1]);
    }

    /** The request with the values of secret arguments and set values blanked (kept once the run ended). */
    static JsonNode redact(JsonNode request) {
        ObjectNode copy = request.deepCopy();
        for (String field : List.of("arguments", "values")) {
            copy.path(field).forEach(v -> {
                if (v.isObject() && v.path("isSecret").asBoolean(false)) {
                    ((ObjectNode) v).put("value", "");
                }
            });
        }
        return copy;
    }

    private static int timeout(JsonNode b) {
        JsonNode t = b.get("timeout");
        if (t == null || t.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > MAX_TIMEOUT) {
            throw RunException.invalid("timeout must be a whole number of seconds between 1 and " + MAX_TIMEOUT);
        }
        return t.intValue();
    }

    /** os, architecture, and the {@code --platform} value when one was given. */
    private static String[] platform(JsonNode p) {
        if (p == null || p.isNull()) {
            return new String[] {"linux", "amd64", null};
        }
        String text;
        if (p.isTextual()) {
            text = p.textValue();
        } else if (p.isObject()) {
            text = p.path("os").asText("linux") + "/" + p.path("architecture").asText("amd64")
                    + (p.hasNonNull("variant") ? "/" + p.get("variant").asText() : "");
        } else {
            throw RunException.invalid("platform must be os/architecture[/variant] or {os, architecture, variant}");
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 1 || parts.length > 3 || parts[0].isBlank() || !parts[0].matches("linux|windows")) {
            throw RunException.invalid("unsupported platform '" + text + "' (linux/amd64, linux/arm64, linux/arm/v7 …)");
        }
        String arch = parts.length > 1 ? parts[1] : "amd64";
        return new String[] {parts[0], arch, text.toLowerCase(Locale.ROOT)};
    }

    private static String decode(String field, String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RunException.invalid(field + " is not valid base64");
        }
    }

    private static List<QuickRequest.SetValue> values(JsonNode b, String field) {
        JsonNode v = b.get(field);
        List<QuickRequest.SetValue> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw RunException.invalid(field + " must be a list of {name, value, isSecret}");
        }
        for (JsonNode e : v) {
            String name = e.path("name").asText("");
            if (!e.isObject() || name.isBlank()) {
                throw RunException.invalid(field + " entries need a name");
            }
            out.add(new QuickRequest.SetValue(name, e.hasNonNull("value") ? e.get("value").asText() : null,
                    e.path("isSecret").asBoolean(false)));
        }
        return out;
    }

    private static List<String> strings(JsonNode b, String field) {
        JsonNode v = b.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw RunException.invalid(field + " must be a list of strings");
        }
        v.forEach(e -> {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw RunException.invalid(field + " must be a list of non-empty strings");
            }
            out.add(e.asText());
        });
        return out;
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RunException.invalid(field + " must be a string");
        }
        return v.textValue();
    }

    private static Boolean bool(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw RunException.invalid(field + " must be true or false");
        }
        return v.booleanValue();
    }
}
