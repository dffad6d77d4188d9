package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        String type = RequestFields.text(b, "runType");
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
        String source = RequestFields.text(b, "sourceLocation");
        if (source == null || source.isBlank()) {
            throw RunException.invalid("sourceLocation is required for a build");
        }
        String dockerfile = RequestFields.text(b, "dockerFilePath");
        Boolean push = RequestFields.bool(b, "isPushEnabled");
        Boolean noPush = RequestFields.bool(b, "noPush");
        boolean pushEnabled = (push == null || push) && (noPush == null || !noPush);
        return new QuickRequest.Build(RequestFields.strings(b, "imageNames", "imageNames"), dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile,
                RequestFields.setValues(b, "arguments", "arguments", v -> v), RequestFields.text(b, "target"), platform[2],
                Boolean.TRUE.equals(RequestFields.bool(b, "noCache")), pushEnabled,
                timeout, source, platform[0], platform[1]);
    }

    private static QuickRequest.Run run(JsonNode b, int timeout, String[] platform) {
        String content = RequestFields.text(b, "taskFileContent");
        String encoded = RequestFields.text(b, "encodedTaskContent");
        String cmd = RequestFields.text(b, "cmd");
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
        String source = RequestFields.text(b, "sourceLocation");
        source = source == null || source.isBlank() ? Contexts.NONE : source;
        String taskPath = RequestFields.text(b, "taskFilePath");
        if (content == null && source.equals(Contexts.NONE)) {
            throw RunException.invalid("a run without a context needs taskFileContent, encodedTaskContent or cmd");
        }
        String values = RequestFields.text(b, "valuesContent");
        String encodedValues = RequestFields.text(b, "encodedValuesContent");
        if (encodedValues != null) {
            values = decode("encodedValuesContent", encodedValues);
        }
        return new QuickRequest.Run(content, content != null ? null : taskPath == null ? "acb.yaml" : taskPath, values,
                RequestFields.text(b, "valuesFilePath"), RequestFields.setValues(b, "values", "values", v -> v), timeout, source, platform[0], platform[1]);
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
}
