package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.server.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A task as JSON, ACR's shape: {@code name, status, platform{os,architecture,variant}, agentConfiguration{cpu},
 * timeout, step{type, contextPath, contextAccessToken, …}, credentials{customRegistries{server: {userName, password}}},
 * creationDate, lastUpdated}. The same writer serves the API (secret values hidden, or shown with secure properties)
 * and the store (secret values sealed); {@link TaskInput} reads it back.
 */
final class TaskJson {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What to write in place of a secret value. */
    enum Secrets {
        HIDDEN, SHOWN, SEALED
    }

    private TaskJson() {
    }

    static ObjectNode write(TaskDefinition t, Secrets mode, UnaryOperator<String> seal) {
        UnaryOperator<String> secret = v -> v == null ? null : switch (mode) {
            case HIDDEN -> null;
            case SHOWN -> v;
            case SEALED -> seal.apply(v);
        };
        ObjectNode o = JSON.createObjectNode();
        o.put("name", t.name());
        o.put("status", t.status().name());
        ObjectNode platform = o.putObject("platform");
        String[] p = t.platform().split("/");
        platform.put("os", capital(p[0]));
        platform.put("architecture", p.length > 1 ? p[1] : "amd64");
        if (p.length > 2) {
            platform.put("variant", p[2]);
        }
        o.putObject("agentConfiguration").put("cpu", t.cpu());
        o.put("timeout", t.timeout());
        ObjectNode step = o.putObject("step");
        step.put("type", t.step().type());
        step.put("contextPath", t.context());
        step.put("contextAccessToken", secret.apply(t.contextAccessToken()));
        switch (t.step()) {
            case TaskStep.Docker d -> {
                step.put("dockerFilePath", d.dockerFilePath());
                ArrayNode images = step.putArray("imageNames");
                d.imageNames().forEach(images::add);
                step.put("isPushEnabled", d.pushEnabled());
                step.put("noCache", d.noCache());
                values(step.putArray("arguments"), d.arguments(), secret);
                step.put("target", d.target());
            }
            case TaskStep.File f -> {
                step.put("taskFilePath", f.taskFilePath());
                step.put("valuesFilePath", f.valuesFilePath());
                values(step.putArray("values"), f.values(), secret);
            }
            case TaskStep.Encoded e -> {
                step.put("encodedTaskContent", base64(e.taskContent()));
                step.put("encodedValuesContent", base64(e.valuesContent()));
                values(step.putArray("values"), e.values(), secret);
            }
        }
        ObjectNode registries = o.putObject("credentials").putObject("customRegistries");
        for (Map.Entry<String, TaskDefinition.Credential> c : t.credentials().entrySet()) {
            ObjectNode reg = registries.putObject(c.getKey());
            secretObject(reg.putObject("userName"), c.getValue().username(), mode == Secrets.SEALED ? secret : v -> v);
            secretObject(reg.putObject("password"), c.getValue().password(), secret);
        }
        o.put("creationDate", time(t.creationDate()));
        o.put("lastUpdated", time(t.lastUpdated()));
        return o;
    }

    /** {@code task credential list}: login server → {username, password masked}. */
    static ObjectNode credentials(TaskDefinition t) {
        ObjectNode o = JSON.createObjectNode();
        t.credentials().forEach((server, c) -> {
            ObjectNode e = o.putObject(server);
            e.put("username", c.username());
            e.put("password", c.password() == null ? null : "******");
        });
        return o;
    }

    private static void secretObject(ObjectNode o, String value, UnaryOperator<String> write) {
        if (value == null) {
            o.putNull("value");
            o.put("type", "Opaque");
            return;
        }
        o.put("type", SecretStore.isSecretUrl(value) ? "Vaultsecret" : "Opaque");
        o.put("value", write.apply(value));
    }

    private static void values(ArrayNode out, List<QuickRequest.SetValue> values, UnaryOperator<String> secret) {
        for (QuickRequest.SetValue v : values) {
            out.addObject().put("name", v.name()).put("value", v.secret() ? secret.apply(v.value()) : v.value())
                    .put("isSecret", v.secret());
        }
    }

    private static String base64(String text) {
        return text == null ? null : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** RFC 7386 merge patch: objects merge, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || target == null || !target.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = ((ObjectNode) target).deepCopy();
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            }
        });
        return out;
    }
}
