package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.tasks.context.ContextSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a task from its JSON ({@link TaskJson}'s shape, from the API or the store), applying the defaults of
 * {@code az acr task create} and checking every field; {@code open} turns stored secret values back into text.
 */
final class TaskInput {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{5,50}");
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86", "386", "arm", "arm64");
    private static final Set<String> VARIANTS = Set.of("v6", "v7", "v8");

    private TaskInput() {
    }

    static TaskDefinition read(String name, JsonNode o, UnaryOperator<String> open, Instant created, Instant updated) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RunException.invalid("a task name is 5 to 50 letters, digits, '-' or '_', not '" + name + "'");
        }
        String statusText = RequestFields.text(o, "status");
        TaskDefinition.Status status = TaskDefinition.Status.Enabled;
        if (statusText != null) {
            status = switch (statusText.toLowerCase(Locale.ROOT)) {
                case "enabled" -> TaskDefinition.Status.Enabled;
                case "disabled" -> TaskDefinition.Status.Disabled;
                default -> throw RunException.invalid("status must be Enabled or Disabled, not '" + statusText + "'");
            };
        }
        int cpu = integer(o.path("agentConfiguration"), "cpu", TaskDefinition.DEFAULT_CPU, 1, 64);
        int timeout = integer(o, "timeout", TaskDefinition.DEFAULT_TIMEOUT, 1, RunRequests.MAX_TIMEOUT);
        JsonNode s = o.get("step");
        if (s == null || !s.isObject()) {
            throw RunException.invalid("a task needs a step: {type: Docker|FileTask|EncodedTask, …}");
        }
        String type = RequestFields.text(s, "type");
        if (type == null) {
            throw RunException.invalid("step.type is required: Docker, FileTask or EncodedTask");
        }
        String context = RequestFields.text(s, "contextPath");
        TaskStep step = switch (type) {
            case "Docker" -> new TaskStep.Docker(RequestFields.strings(s, "imageNames", "step.imageNames"),
                    orDefault(RequestFields.text(s, "dockerFilePath"), "Dockerfile"),
                    RequestFields.setValues(s, "arguments", "step.arguments", open), blankToNull(RequestFields.text(s, "target")),
                    Boolean.TRUE.equals(RequestFields.bool(s, "noCache")), !Boolean.FALSE.equals(RequestFields.bool(s, "isPushEnabled")));
            case "FileTask" -> new TaskStep.File(relative(orDefault(RequestFields.text(s, "taskFilePath"), "acb.yaml"), "taskFilePath"),
                    s.hasNonNull("valuesFilePath") ? relative(RequestFields.text(s, "valuesFilePath"), "valuesFilePath") : null,
                    RequestFields.setValues(s, "values", "step.values", open));
            case "EncodedTask" -> encoded(s, open);
            default -> throw RunException.invalid("step.type must be Docker, FileTask or EncodedTask, not '" + type + "'");
        };
        if (context == null || context.isBlank()) {
            if (!(step instanceof TaskStep.Encoded)) {
                throw RunException.invalid("a " + type + " task needs a context (step.contextPath): an uploaded directory,"
                        + " a git URL, a tarball URL, oci://… or /dev/null");
            }
            context = Contexts.NONE;
        }
        checkContext(context);
        String token = RequestFields.text(s, "contextAccessToken");
        return new TaskDefinition(name, status, platform(o.get("platform")), cpu, timeout, context,
                token == null || token.isEmpty() ? null : open.apply(token), step, credentials(o, open), created, updated);
    }

    private static TaskStep.Encoded encoded(JsonNode s, UnaryOperator<String> open) {
        String cmd = RequestFields.text(s, "cmd");
        String content = s.hasNonNull("encodedTaskContent") ? decode(s, "encodedTaskContent") : null;
        if (cmd != null && content != null) {
            throw RunException.invalid("give step.cmd or step.encodedTaskContent, not both");
        }
        if (cmd != null) {
            if (cmd.isBlank()) {
                throw RunException.invalid("step.cmd is empty");
            }
            content = QuickTasks.cmd(cmd, null);
        }
        if (content == null || content.isBlank()) {
            throw RunException.invalid("an EncodedTask step needs encodedTaskContent (base64 YAML) or cmd");
        }
        String values = s.hasNonNull("encodedValuesContent") ? decode(s, "encodedValuesContent") : null;
        return new TaskStep.Encoded(content, values, RequestFields.setValues(s, "values", "step.values", open));
    }

    /** The forms Contexts knows or will know; anything else is refused here with the accepted forms named. */
    /** The forms a run can fetch (the contexts' own parser decides), refused here at once rather than at run time. */
    static void checkContext(String c) {
        boolean ok = !c.isBlank() && c.chars().noneMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))
                && !c.matches("(https?|oci|git|file)://[/#:]*");
        if (ok) {
            try {
                ContextSource.parse(c);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw RunException.invalid("unsupported context '" + c + "': use a local directory (the CLI uploads it),"
                    + " /dev/null, a git URL (https://host/repo.git#ref:dir), a tarball URL or oci://registry/repo:tag");
        }
    }

    static String platform(JsonNode p) {
        if (p == null || p.isNull()) {
            return TaskDefinition.DEFAULT_PLATFORM;
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
        if (parts.length > 3 || !parts[0].matches("linux|windows") || (parts.length > 1 && !ARCHITECTURES.contains(parts[1]))
                || (parts.length > 2 && !VARIANTS.contains(parts[2]))) {
            throw RunException.invalid("unsupported platform '" + text + "' (linux/amd64, linux/arm64, linux/arm/v7 …)");
        }
        return parts.length == 1 ? parts[0] + "/amd64" : String.join("/", parts);
    }

    private static Map<String, TaskDefinition.Credential> credentials(JsonNode o, UnaryOperator<String> open) {
        Map<String, TaskDefinition.Credential> out = new LinkedHashMap<>();
        JsonNode regs = o.path("credentials").path("customRegistries");
        if (regs.isMissingNode() || regs.isNull()) {
            return out;
        }
        if (!regs.isObject()) {
            throw RunException.invalid("credentials.customRegistries must map login servers to {userName, password}");
        }
        regs.properties().forEach(e -> {
            String user = secretObject(e.getValue().path("userName"), open);
            String password = secretObject(e.getValue().path("password"), open);
            out.put(checkServer(e.getKey()), new TaskDefinition.Credential(user, password));
        });
        return out;
    }

    static String checkServer(String server) {
        if (server == null || !server.matches("[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            throw RunException.invalid("a login server is host[:port], not '" + server + "'");
        }
        return server.toLowerCase(Locale.ROOT);
    }

    private static String secretObject(JsonNode o, UnaryOperator<String> open) {
        JsonNode v = o.isTextual() ? o : o.get("value");
        return v == null || v.isNull() || v.asText().isEmpty() ? null : open.apply(v.asText());
    }


    private static String relative(String path, String field) {
        if (path.startsWith("/") || path.contains("://") || List.of(path.split("/")).contains("..")) {
            throw RunException.invalid("step." + field + " must be a path inside the context, not '" + path + "'");
        }
        return path;
    }

    private static String decode(JsonNode s, String field) {
        try {
            return new String(Base64.getDecoder().decode(s.get(field).asText().trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RunException.invalid("step." + field + " is not valid base64");
        }
    }




    private static int integer(JsonNode o, String field, int fallback, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw RunException.invalid(field + " must be a whole number between " + min + " and " + max);
        }
        return v.intValue();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
