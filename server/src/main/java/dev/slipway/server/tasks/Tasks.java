package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.server.meta.Jdbc;
import dev.slipway.server.secrets.SealedValue;
import dev.slipway.server.secrets.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Named tasks (ACR's task resource): create, update (JSON merge patch, like {@code az acr task update}), show,
 * list, delete and their custom registry credentials. Secret values are encrypted at rest and returned only with
 * secure properties. Runs of a task are created by {@link Runs#createTaskRun} and resolved by {@link TaskRuns}.
 */
public final class Tasks {
    private final TaskStore store;
    private final SecretStore secrets;
    private final Clock clock;
    /** Updates read, change and write a task: one at a time, so concurrent credential changes are not lost. */
    private final ReentrantLock writes = new ReentrantLock();

    public Tasks(Jdbc jdbc, SecretStore secrets, Clock clock) {
        this.store = new TaskStore(jdbc, secrets.cipher());
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The values stored tasks hold sealed with the secret key; read at start, before the key is opened. */
    public static List<SealedValue> sealedValues(Jdbc jdbc) {
        return TaskStore.sealedValues(jdbc);
    }

    SecretStore secrets() {
        return secrets;
    }

    TaskStore store() {
        return store;
    }

    /** {@code PUT /api/tasks/{name}}: a new task; a conflict when the name is taken. */
    public ObjectNode create(String name, JsonNode body) {
        Instant now = clock.instant();
        TaskDefinition t = TaskInput.read(name, body, v -> v, now, now);
        if (!store.insert(t)) {
            throw new RunException(RunException.Kind.CONFLICT, "task " + name + " already exists; change it with task update");
        }
        return view(get(name), false);
    }

    /**
     * {@code PATCH /api/tasks/{name}}: the patch is merged into the task (objects merge, lists and values replace,
     * null removes); a step of another type replaces the step, keeping its context unless the patch gives one.
     */
    public ObjectNode update(String name, JsonNode patch) {
        return locked(() -> {
            if (patch.hasNonNull("name") && !name.equals(patch.get("name").asText())) {
                throw RunException.invalid("a task cannot be renamed");
            }
            TaskDefinition current = get(name);
            ObjectNode shown = TaskJson.write(current, TaskJson.Secrets.SHOWN, v -> v);
            JsonNode stepPatch = patch.get("step");
            if (stepPatch != null && stepPatch.hasNonNull("type") && !stepPatch.get("type").asText().equals(current.step().type())) {
                ObjectNode step = TaskJson.JSON.createObjectNode();
                step.set("contextPath", shown.path("step").get("contextPath"));
                step.set("contextAccessToken", shown.path("step").get("contextAccessToken"));
                shown.set("step", step);
            } else if (stepPatch != null && (stepPatch.has("cmd") || stepPatch.has("encodedTaskContent"))) {
                ((ObjectNode) shown.get("step")).remove("encodedTaskContent"); // a new command or content replaces the old
            }
            JsonNode merged = TaskJson.merge(shown, patch);
            TaskDefinition updated = TaskInput.read(name, merged, v -> v, current.creationDate(), clock.instant());
            if (!store.update(updated)) {
                throw notFound(name);
            }
            return view(get(name), false);
        });
    }

    public ObjectNode show(String name, boolean withSecureProperties) {
        return view(get(name), withSecureProperties);
    }

    public List<ObjectNode> list() {
        return store.list().stream().map(t -> view(t, false)).toList();
    }

    public void delete(String name) {
        if (!store.delete(name)) {
            throw notFound(name);
        }
    }

    /** {@code task credential add}: "Login server 'x' already exists" when it does. */
    public ObjectNode addCredential(String name, String server, String username, String password) {
        return locked(() -> {
            String key = TaskInput.checkServer(server);
            TaskDefinition t = get(name);
            if (t.credentials().containsKey(key)) {
                throw new RunException(RunException.Kind.CONFLICT, "Login server '" + server + "' already exists");
            }
            Map<String, TaskDefinition.Credential> creds = new LinkedHashMap<>(t.credentials());
            creds.put(key, credential(username, password, null));
            return saveCredentials(t, creds);
        });
    }

    /** {@code task credential update}: only the given parts change. */
    public ObjectNode updateCredential(String name, String server, String username, String password) {
        return locked(() -> {
            String key = TaskInput.checkServer(server);
            TaskDefinition t = get(name);
            TaskDefinition.Credential old = t.credentials().get(key);
            if (old == null) {
                throw new RunException(RunException.Kind.NOT_FOUND, "Login server '" + server + "' does not exist in task " + name);
            }
            Map<String, TaskDefinition.Credential> creds = new LinkedHashMap<>(t.credentials());
            creds.put(key, credential(username, password, old));
            return saveCredentials(t, creds);
        });
    }

    public ObjectNode removeCredential(String name, String server) {
        return locked(() -> {
            String key = TaskInput.checkServer(server);
            TaskDefinition t = get(name);
            if (!t.credentials().containsKey(key)) {
                throw new RunException(RunException.Kind.NOT_FOUND, "Login server '" + server + "' does not exist in task " + name);
            }
            Map<String, TaskDefinition.Credential> creds = new LinkedHashMap<>(t.credentials());
            creds.remove(key);
            return saveCredentials(t, creds);
        });
    }

    /** Login server → {username, password masked}. */
    public ObjectNode credentials(String name) {
        return TaskJson.credentials(get(name));
    }

    private <T> T locked(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    TaskDefinition get(String name) {
        return store.get(name).orElseThrow(() -> notFound(name));
    }

    private ObjectNode saveCredentials(TaskDefinition t, Map<String, TaskDefinition.Credential> creds) {
        if (!store.update(t.withCredentials(creds, clock.instant()))) {
            throw notFound(t.name());
        }
        return credentials(t.name());
    }

    private static TaskDefinition.Credential credential(String username, String password, TaskDefinition.Credential old) {
        String user = blank(username) ? old == null ? null : old.username() : username;
        String pass = blank(password) ? old == null ? null : old.password() : password;
        if (user == null || pass == null) {
            throw RunException.invalid("a registry credential needs a username and a password (-u/-p)");
        }
        return new TaskDefinition.Credential(user, pass);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static ObjectNode view(TaskDefinition t, boolean secure) {
        return TaskJson.write(t, secure ? TaskJson.Secrets.SHOWN : TaskJson.Secrets.HIDDEN, v -> v);
    }

    static RunException notFound(String name) {
        return new RunException(RunException.Kind.NOT_FOUND, "task " + name + " does not exist");
    }
}
