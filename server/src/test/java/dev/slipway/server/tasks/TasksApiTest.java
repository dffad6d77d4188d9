package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.RegistryLogin;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named tasks on a real server (port 0) whose runs execute on a scripted executor. */
class TasksApiTest {
    static SlipwayServer server;
    static ScriptedExecutor executor = new ScriptedExecutor();
    static RunsClient api;
    static Path data;

    @BeforeAll
    static void start(@TempDir(factory = TestDirs.InMemory.class) Path dir) throws Exception {
        data = dir;
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), executor);
        api = new RunsClient(server, dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return api.send(method, path, body == null ? null : RunsClient.JSON.writeValueAsBytes(body));
    }

    private static JsonNode ok(String method, String path, Object body, int status) throws Exception {
        return api.json(call(method, path, body), status);
    }

    private static String error(String method, String path, Object body, int status) throws Exception {
        return api.json(call(method, path, body), status).path("error").path("message").asText();
    }

    private static String runTask(String name, Object overrides) throws Exception {
        JsonNode run = ok("POST", "/api/tasks/" + name + "/runs", overrides, 201);
        assertThat(run.get("task").asText()).isEqualTo(name);
        assertThat(run.get("trigger").asText()).isEqualTo("Manual");
        return run.get("runId").asText();
    }

    @Test
    void createShowListUpdateDeleteWithAcrDefaults() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM busybox\n")));
        JsonNode t = ok("PUT", "/api/tasks/crud-task", Map.of("step", Map.of("type", "Docker", "contextPath", source,
                "imageNames", List.of("crud:{{.Run.ID}}"))), 201);
        assertThat(t.get("name").asText()).isEqualTo("crud-task");
        assertThat(t.get("status").asText()).isEqualTo("Enabled");
        assertThat(t.get("timeout").asInt()).isEqualTo(3600);
        assertThat(t.at("/agentConfiguration/cpu").asInt()).isEqualTo(2);
        assertThat(t.at("/platform/os").asText()).isEqualTo("Linux");
        assertThat(t.at("/platform/architecture").asText()).isEqualTo("amd64");
        assertThat(t.at("/step/dockerFilePath").asText()).isEqualTo("Dockerfile");
        assertThat(t.at("/step/isPushEnabled").asBoolean()).isTrue();
        assertThat(t.at("/step/contextPath").asText()).isEqualTo(source);
        assertThat(t.get("creationDate").asText()).isNotEmpty();

        assertThat(error("PUT", "/api/tasks/crud-task", Map.of("step", Map.of("type", "Docker", "contextPath", source)), 409))
                .contains("already exists");
        assertThat(ok("GET", "/api/tasks", null, 200).findValuesAsText("name")).contains("crud-task");

        JsonNode u = ok("PATCH", "/api/tasks/crud-task", Map.of("status", "Disabled", "timeout", 900,
                "step", Map.of("target", "final", "noCache", true)), 200);
        assertThat(u.get("status").asText()).isEqualTo("Disabled");
        assertThat(u.get("timeout").asInt()).isEqualTo(900);
        assertThat(u.at("/step/target").asText()).isEqualTo("final");
        assertThat(u.at("/step/imageNames/0").asText()).as("untouched fields stay").isEqualTo("crud:{{.Run.ID}}");

        // Another step type replaces the step and keeps the context.
        JsonNode f = ok("PATCH", "/api/tasks/crud-task", Map.of("step", Map.of("type", "FileTask", "taskFilePath", "ci/acb.yml")), 200);
        assertThat(f.at("/step/type").asText()).isEqualTo("FileTask");
        assertThat(f.at("/step/taskFilePath").asText()).isEqualTo("ci/acb.yml");
        assertThat(f.at("/step/contextPath").asText()).isEqualTo(source);
        assertThat(f.at("/step/imageNames").isMissingNode()).isTrue();

        assertThat(call("DELETE", "/api/tasks/crud-task", null).statusCode()).isEqualTo(204);
        assertThat(error("GET", "/api/tasks/crud-task", null, 404)).isEqualTo("task crud-task does not exist");
        assertThat(error("DELETE", "/api/tasks/crud-task", null, 404)).contains("does not exist");
    }

    @Test
    void invalidTasksAreRefusedWithClearMessages() throws Exception {
        Map<String, Object> docker = Map.of("type", "Docker", "contextPath", "/dev/null");
        assertThat(error("PUT", "/api/tasks/abcd", Map.of("step", docker), 400)).contains("5 to 50");
        assertThat(error("PUT", "/api/tasks/" + "a".repeat(51), Map.of("step", docker), 400)).contains("5 to 50");
        assertThat(error("PUT", "/api/tasks/bad%20name", Map.of("step", docker), 400)).contains("5 to 50");
        assertThat(error("PUT", "/api/tasks/no-step", Map.of(), 400)).contains("needs a step");
        assertThat(error("PUT", "/api/tasks/bad-type", Map.of("step", Map.of("type", "Pack")), 400)).contains("Docker, FileTask or EncodedTask");
        assertThat(error("PUT", "/api/tasks/no-context", Map.of("step", Map.of("type", "FileTask")), 400)).contains("needs a context");
        for (String bad : List.of("not a url", "ftp://x/y", "C:\\src", "./relative", "https://", "file://", "oci://noslash")) {
            assertThat(error("PUT", "/api/tasks/bad-context", Map.of("step", Map.of("type", "Docker", "contextPath", bad)), 400))
                    .as(bad).contains("unsupported context");
        }
        assertThat(error("PUT", "/api/tasks/bad-timeout", Map.of("timeout", 0, "step", docker), 400)).contains("timeout");
        assertThat(error("PUT", "/api/tasks/bad-status", Map.of("status", "Paused", "step", docker), 400)).contains("Enabled or Disabled");
        assertThat(error("PUT", "/api/tasks/bad-platform", Map.of("platform", "solaris/sparc", "step", docker), 400)).contains("platform");
        assertThat(error("PUT", "/api/tasks/escape-file", Map.of("step", Map.of("type", "FileTask", "contextPath", "/dev/null",
                "taskFilePath", "../acb.yaml")), 400)).contains("inside the context");
        assertThat(error("PUT", "/api/tasks/no-encoded", Map.of("step", Map.of("type", "EncodedTask")), 400)).contains("encodedTaskContent");
        // Git, tarball and oci:// locations are stored as given (the contexts engine checks them when a run starts).
        JsonNode git = ok("PUT", "/api/tasks/git-task", Map.of("step", Map.of("type", "FileTask",
                "contextPath", "https://example.com/org/repo.git#main:ci")), 201);
        assertThat(git.at("/step/contextPath").asText()).isEqualTo("https://example.com/org/repo.git#main:ci");
    }

    @Test
    void secretsAreHiddenUnlessAskedForAndEncryptedAtRest() throws Exception {
        String secretValue = "v4lue-" + System.nanoTime();
        String secretArg = "4rg-" + System.nanoTime();
        String token = "ghp_" + System.nanoTime();
        String password = "pa55-" + System.nanoTime();
        ok("PUT", "/api/tasks/secure-task", Map.of("step", Map.of("type", "Docker", "contextPath", "https://example.com/r.git",
                "contextAccessToken", token, "arguments", List.of(Map.of("name", "PLAIN", "value", "p"),
                        Map.of("name", "TOKEN", "value", secretArg, "isSecret", true))),
                "credentials", Map.of("customRegistries", Map.of("other.example.com", Map.of("userName", Map.of("value", "bob"),
                        "password", Map.of("value", password))))), 201);
        ok("PUT", "/api/tasks/secure-file", Map.of("step", Map.of("type", "FileTask", "contextPath", "/dev/null",
                "values", List.of(Map.of("name", "pw", "value", secretValue, "isSecret", true)))), 201);

        JsonNode hidden = ok("GET", "/api/tasks/secure-task", null, 200);
        assertThat(hidden.toString()).doesNotContain(secretArg).doesNotContain(token).doesNotContain(password);
        assertThat(hidden.at("/step/arguments/0/value").asText()).isEqualTo("p");
        assertThat(hidden.at("/step/arguments/1/value").isNull()).isTrue();
        assertThat(hidden.at("/credentials/customRegistries/other.example.com/userName/value").asText()).isEqualTo("bob");
        assertThat(ok("GET", "/api/tasks", null, 200).toString()).doesNotContain(secretArg).doesNotContain(secretValue);
        assertThat(ok("GET", "/api/tasks/secure-file", null, 200).toString()).doesNotContain(secretValue);

        JsonNode shown = ok("GET", "/api/tasks/secure-task?withSecureProperties=true", null, 200);
        assertThat(shown.at("/step/arguments/1/value").asText()).isEqualTo(secretArg);
        assertThat(shown.at("/step/contextAccessToken").asText()).isEqualTo(token);
        assertThat(shown.at("/credentials/customRegistries/other.example.com/password/value").asText()).isEqualTo(password);
        assertThat(ok("GET", "/api/tasks/secure-file?withSecureProperties=true", null, 200).at("/step/values/0/value").asText())
                .isEqualTo(secretValue);
        // A patch that does not touch them keeps the secret values.
        ok("PATCH", "/api/tasks/secure-task", Map.of("agentConfiguration", Map.of("cpu", 4), "step", Map.of("target", "t")), 200);
        assertThat(ok("GET", "/api/tasks/secure-task?withSecureProperties=true", null, 200).at("/step/arguments/1/value").asText())
                .isEqualTo(secretArg);

        for (String plain : List.of(secretValue, secretArg, token, password)) {
            assertThat(SecretFiles.anyContains(data, plain)).as("a file under the data directory holds " + plain).isFalse();
        }
    }

    @Test
    void runningADockerTaskBuildsAndPushesWithOverrides() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM busybox\n", "alt.Dockerfile", "FROM busybox\n")));
        ok("PUT", "/api/tasks/build-task", Map.of("timeout", 1200, "step", Map.of("type", "Docker", "contextPath", source,
                "imageNames", List.of("app:{{.Run.ID}}"), "arguments", List.of(Map.of("name", "A", "value", "1"),
                        Map.of("name", "S", "value", "task-secret-arg", "isSecret", true))), "target", "base"), 201);
        String id = runTask("build-task", Map.of("arguments", List.of(Map.of("name", "A", "value", "2"),
                Map.of("name", "B", "value", "run-secret", "isSecret", true)), "file", "alt.Dockerfile", "target", "final"));
        JsonNode done = api.awaitStatus(id, "Succeeded");
        assertThat(done.get("runType").asText()).isEqualTo("AutoBuild");
        RunRequest req = executor.request(id);
        assertThat(req.timeout()).hasSeconds(1200);
        var steps = req.task().spec().steps();
        assertThat(((BuildStep) steps.get(0)).build()).isEqualTo("-t app:" + id
                + " -f alt.Dockerfile --build-arg A=2 --build-arg S=task-secret-arg --build-arg B=run-secret --target final .");
        assertThat(((PushStep) steps.get(1)).images()).containsExactly("app:" + id);
        assertThat(req.masked()).contains("task-secret-arg", "run-secret");
        assertThat(executor.workspaceFiles.get(id)).contains("Dockerfile", "alt.Dockerfile");

        JsonNode listed = ok("GET", "/api/runs?task=build-task", null, 200);
        assertThat(listed.findValuesAsText("runId")).containsExactly(id);
        assertThat(api.log(id, "")).doesNotContain("run-secret").doesNotContain("task-secret-arg");
    }

    @Test
    void fileTaskRunsTheContextsFileWithValuesCredentialsAndVaultSecrets() throws Exception {
        ok("PUT", "/api/secrets/registry-password", Map.of("value", "vault-pa55"), 200);
        ok("PUT", "/api/secrets/api-key", Map.of("value", "k3y-from-vault"), 200);
        String source = api.upload(RunsClient.tarGz(Map.of("ci/acb.yaml", """
                version: v1.1.0
                secrets:
                  - id: key
                    keyvault: https://myvault.vault.azure.net/secrets/api-key/0123abcd
                steps:
                  - cmd: echo {{.Values.greeting}} {{.Values.who}} {{.Secrets.key}} {{.Values.pw}} {{.Run.TaskName}}
                """, "ci/values.yaml", "greeting: hello\nwho: world\n")));
        ok("PUT", "/api/tasks/file-task", Map.of("step", Map.of("type", "FileTask", "contextPath", source,
                "taskFilePath", "ci/acb.yaml", "valuesFilePath", "ci/values.yaml",
                "values", List.of(Map.of("name", "who", "value", "task")))), 201);
        ok("POST", "/api/tasks/file-task/credentials", Map.of("loginServer", "plain.example.com", "username", "alice",
                "password", "plain-pa55"), 201);
        JsonNode creds = ok("POST", "/api/tasks/file-task/credentials", Map.of("loginServer", "vault.example.com:5000",
                "username", "bob", "password", "https://myvault.vault.azure.net/secrets/registry-password"), 201);
        assertThat(creds.at("/plain.example.com/username").asText()).isEqualTo("alice");
        assertThat(creds.at("/plain.example.com/password").asText()).isEqualTo("******");
        assertThat(creds.toString()).doesNotContain("plain-pa55");
        assertThat(error("POST", "/api/tasks/file-task/credentials", Map.of("loginServer", "plain.example.com",
                "username", "x", "password", "y"), 409)).isEqualTo("Login server 'plain.example.com' already exists");
        assertThat(error("PATCH", "/api/tasks/file-task/credentials/missing.example.com", Map.of("password", "y"), 404))
                .contains("does not exist");
        assertThat(error("DELETE", "/api/tasks/file-task/credentials/missing.example.com", null, 404)).contains("does not exist");
        ok("POST", "/api/tasks/file-task/credentials", Map.of("loginServer", "gone.example.com", "username", "x", "password", "y"), 201);
        assertThat(ok("DELETE", "/api/tasks/file-task/credentials/gone.example.com", null, 200).has("gone.example.com")).isFalse();
        ok("PATCH", "/api/tasks/file-task/credentials/plain.example.com", Map.of("password", "plain-pa55-2"), 200);

        String id = runTask("file-task", Map.of("values", List.of(Map.of("name", "pw", "value", "run-pw", "isSecret", true))));
        JsonNode done = api.awaitStatus(id, "Succeeded");
        assertThat(done.get("runType").asText()).isEqualTo("AutoRun");
        RunRequest req = executor.request(id);
        assertThat(((CmdStep) req.task().spec().steps().getFirst()).cmd())
                .isEqualTo("echo hello task k3y-from-vault run-pw file-task");
        assertThat(req.logins()).extracting(RegistryLogin::server)
                .containsExactly(api.registry(), "plain.example.com", "vault.example.com:5000");
        assertThat(req.logins().get(1)).isEqualTo(RegistryLogin.password("plain.example.com", "alice", "plain-pa55-2"));
        assertThat(req.logins().get(2)).isEqualTo(RegistryLogin.password("vault.example.com:5000", "bob", "vault-pa55"));
        assertThat(req.masked()).contains("plain-pa55-2", "vault-pa55", "k3y-from-vault", "run-pw");
        assertThat(api.log(id, "")).contains("ran echo hello task ***** *****").doesNotContain("k3y-from-vault");
    }

    @Test
    void encodedTaskFromCmdAndAMissingSecretFailsTheRun() throws Exception {
        String yaml = "secrets:\n  - id: pw\n    keyvault: https://v.vault.azure.net/secrets/nope\nsteps:\n  - cmd: echo {{.Secrets.pw}}\n";
        ok("PUT", "/api/tasks/missing-secret", Map.of("step", Map.of("type", "EncodedTask",
                "encodedTaskContent", Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)))), 201);
        String id = runTask("missing-secret", Map.of());
        JsonNode failed = api.awaitStatus(id, "Failed");
        assertThat(failed.get("runErrorMessage").asText())
                .isEqualTo("failed to resolve secret pw: no secret named 'nope' in the built-in store");

        JsonNode cmd = ok("PUT", "/api/tasks/cmd-task", Map.of("step", Map.of("type", "EncodedTask", "cmd", "echo {{.Run.ID}}")), 201);
        assertThat(cmd.at("/step/contextPath").asText()).isEqualTo("/dev/null");
        String ran = runTask("cmd-task", Map.of());
        api.awaitStatus(ran, "Succeeded");
        CmdStep step = (CmdStep) executor.request(ran).task().spec().steps().getFirst();
        assertThat(step.cmd()).isEqualTo("echo " + ran);
        assertThat(step.properties().disableWorkingDirectoryOverride()).isTrue();
        assertThat(error("POST", "/api/tasks/cmd-task/runs", Map.of("file", "other.yaml"), 400)).contains("encoded task");
        assertThat(error("POST", "/api/tasks/cmd-task/runs", Map.of("bogus", 1), 400)).contains("bogus");
    }

    @Test
    void aDisabledTaskIsNotRunAndAMissingOneIsNotFound() throws Exception {
        ok("PUT", "/api/tasks/off-task", Map.of("status", "Disabled", "step", Map.of("type", "EncodedTask", "cmd", "ok")), 201);
        assertThat(error("POST", "/api/tasks/off-task/runs", Map.of(), 409))
                .isEqualTo("task off-task is disabled; enable it with 'slipway task update -n off-task --status Enabled' to run it");
        assertThat(error("POST", "/api/tasks/no-such-task/runs", Map.of(), 404)).isEqualTo("task no-such-task does not exist");
        ok("PATCH", "/api/tasks/off-task", Map.of("status", "Enabled"), 200);
        api.awaitStatus(runTask("off-task", Map.of()), "Succeeded");
    }

    @Test
    void aRunOfATaskDeletedWhileQueuedFails() throws Exception {
        ok("PUT", "/api/tasks/short-lived", Map.of("step", Map.of("type", "EncodedTask", "cmd", "ok")), 201);
        // Fill both slots so the task's run waits in the queue.
        String a = api.cmd("sleep 400");
        String b = api.cmd("sleep 400");
        String id = runTask("short-lived", Map.of());
        call("DELETE", "/api/tasks/short-lived", null);
        JsonNode run = api.awaitStatus(id, "Failed");
        assertThat(run.get("runErrorMessage").asText()).isEqualTo("task short-lived no longer exists");
        api.awaitStatus(a, "Succeeded");
        api.awaitStatus(b, "Succeeded");
    }
}
