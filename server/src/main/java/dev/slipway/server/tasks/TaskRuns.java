package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.runner.exec.RegistryLogin;
import dev.slipway.server.secrets.SecretException;
import dev.slipway.server.secrets.SecretStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of a named task ({@code az acr task run}). The stored request names the task and holds only the overrides
 * ({@code contextPath}, {@code file}, {@code arguments}, {@code values}, {@code target}); the task itself (with its
 * secrets, decrypted) is read when the run starts, so no task secret is copied into the runs table.
 */
final class TaskRuns {
    private static final List<String> OVERRIDES = List.of("contextPath", "file", "arguments", "values", "target");

    /** A task run ready to be queued. */
    record Queued(RunType type, String task, String os, String architecture, String source, ObjectNode request) { }

    private TaskRuns() {
    }

    static boolean isTaskRun(JsonNode request) {
        String type = request.path("runType").asText("");
        return type.equals(RunType.AutoBuild.name()) || type.equals(RunType.AutoRun.name());
    }

    /** Checks the task (it must exist and be enabled) and the overrides; the request to store. */
    static Queued queue(Tasks tasks, String name, JsonNode overrides) {
        TaskDefinition t = tasks.get(name);
        if (t.status() == TaskDefinition.Status.Disabled) {
            throw new RunException(RunException.Kind.CONFLICT, "task " + name + " is disabled; enable it with"
                    + " 'slipway task update -n " + name + " --status Enabled' to run it");
        }
        ObjectNode request = TaskJson.JSON.createObjectNode();
        RunType type = t.step() instanceof TaskStep.Docker ? RunType.AutoBuild : RunType.AutoRun;
        request.put("runType", type.name());
        request.put("task", name);
        for (String field : OVERRIDES) {
            JsonNode v = overrides.get(field);
            if (v != null && !v.isNull()) {
                request.set(field, v);
            }
        }
        overrides.fieldNames().forEachRemaining(f -> {
            if (!OVERRIDES.contains(f)) {
                throw RunException.invalid("a task run takes only " + String.join(", ", OVERRIDES) + ", not '" + f + "'");
            }
        });
        quick(t, request);
        String context = text(request, "contextPath");
        return new Queued(type, name, t.os(), t.architecture(), context != null ? context : t.context(), request);
    }

    /** The stored request made ready to run: the task as it is now, the overrides, logins and masked values. */
    static ResolvedRun resolve(Tasks tasks, JsonNode request) {
        String name = request.path("task").asText();
        TaskDefinition t = tasks.store().get(name).orElseThrow(() -> RunException.invalid("task " + name + " no longer exists"));
        QuickRequest q = quick(t, request);
        List<String> secrets = new ArrayList<>();
        if (t.contextAccessToken() != null) {
            secrets.add(t.contextAccessToken());
        }
        List<RegistryLogin> logins = new ArrayList<>();
        for (Map.Entry<String, TaskDefinition.Credential> c : t.credentials().entrySet()) {
            String user = credential(tasks.secrets(), c.getKey(), c.getValue().username(), secrets);
            String password = credential(tasks.secrets(), c.getKey(), c.getValue().password(), secrets);
            secrets.add(password);
            logins.add(RegistryLogin.password(c.getKey(), user, password));
        }
        return new ResolvedRun(q, logins, secrets);
    }

    private static String credential(SecretStore store, String server, String value, List<String> secrets) {
        if (!SecretStore.isSecretUrl(value)) {
            return value;
        }
        try {
            String resolved = store.resolveUrl(value);
            secrets.add(resolved);
            return resolved;
        } catch (SecretException e) {
            throw RunException.invalid("failed to resolve the credential for " + server + ": " + e.getMessage());
        }
    }

    /** The task with the run's overrides, as the quick request the run pipeline executes. */
    static QuickRequest quick(TaskDefinition t, JsonNode req) {
        String context = text(req, "contextPath");
        if (context != null) {
            TaskInput.checkContext(context);
        }
        String source = withToken(context != null ? context : t.context(), t.contextAccessToken());
        String file = text(req, "file");
        String target = text(req, "target");
        return switch (t.step()) {
            case TaskStep.Docker d -> new QuickRequest.Build(d.imageNames(), file != null ? file : d.dockerFilePath(),
                    merge(d.arguments(), req.get("arguments")), target != null ? target : d.target(),
                    t.platform().equals(TaskDefinition.DEFAULT_PLATFORM) ? null : t.platform(), d.noCache(), d.pushEnabled(),
                    t.timeout(), source, t.os(), t.architecture());
            case TaskStep.File f -> {
                refuse(target, "--target applies to Docker build tasks only");
                refuse(req.get("arguments") == null || req.get("arguments").isEmpty() ? null : "x",
                        "--arg/--secret-arg apply to Docker build tasks only; use --set/--set-secret");
                yield new QuickRequest.Run(null, file != null ? file : f.taskFilePath(), null, f.valuesFilePath(),
                        merge(f.values(), req.get("values")), t.timeout(), source, t.os(), t.architecture());
            }
            case TaskStep.Encoded e -> {
                refuse(file, "-f cannot override the task file of an encoded task (it is kept in the task)");
                refuse(target, "--target applies to Docker build tasks only");
                yield new QuickRequest.Run(e.taskContent(), null, e.valuesContent(), null,
                        merge(e.values(), req.get("values")), t.timeout(), source, t.os(), t.architecture());
            }
        };
    }

    /** ACR's private git form: the token as the URL's user info ({@code https://<token>@host/…}). */
    static String withToken(String source, String token) {
        if (token == null || !(source.startsWith("https://") || source.startsWith("http://")) || source.contains("@")) {
            return source;
        }
        int at = source.indexOf("://") + 3;
        return source.substring(0, at) + token + "@" + source.substring(at);
    }

    /** The task's values with the run's values of the same name replaced and new ones added. */
    private static List<QuickRequest.SetValue> merge(List<QuickRequest.SetValue> base, JsonNode overrides) {
        Map<String, QuickRequest.SetValue> out = new LinkedHashMap<>();
        base.forEach(v -> out.put(v.name(), v));
        if (overrides != null && !overrides.isNull()) {
            if (!overrides.isArray()) {
                throw RunException.invalid("arguments and values must be lists of {name, value, isSecret}");
            }
            for (JsonNode o : overrides) {
                String name = o.path("name").asText("");
                if (name.isBlank()) {
                    throw RunException.invalid("arguments and values entries need a name");
                }
                out.put(name, new QuickRequest.SetValue(name, o.hasNonNull("value") ? o.get("value").asText() : null,
                        o.path("isSecret").asBoolean(false)));
            }
        }
        return List.copyOf(out.values());
    }

    private static void refuse(String given, String message) {
        if (given != null) {
            throw RunException.invalid(message);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
