package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret values of waiting and running runs are encrypted in the database (read here with plain JDBC), opened
 * for the executor, dropped when the run ends, and never shown by the API.
 */
class RunSecretsTest {
    private static final String TASK = "steps:\n  - cmd: ok {{.Values.pw}}\n";

    @TempDir(factory = TestDirs.InMemory.class)
    Path data;

    private SlipwayServer start(ScriptedExecutor executor) throws Exception {
        return SlipwayServer.start(ServerConfig.defaults(data).withPort(0)
                .withRuns(RunSettings.DEFAULTS.withMaxConcurrent(1).withShutdownWait(Duration.ofMillis(100))), executor);
    }

    /** A quick run of {@link #TASK} whose {@code pw} is a secret set value. */
    private static String runWithSecret(RunsClient api, String secret) throws Exception {
        return api.create(Map.of("runType", "QuickRun", "taskFileContent", TASK,
                "values", List.of(Map.of("name", "pw", "value", secret, "isSecret", true)))).get("runId").asText();
    }

    private static String cmd(ScriptedExecutor executor, String id) {
        return ((CmdStep) executor.request(id).task().spec().steps().getFirst()).cmd();
    }

    @Test
    void aQueuedRunsSecretsAreSealedInTheDatabaseOpenedForTheRunAndDroppedWhenItEnds() throws Exception {
        String value = "v4lue-" + System.nanoTime();
        String arg = "4rg-" + System.nanoTime();
        String canceledValue = "c4nceled-" + System.nanoTime();
        ScriptedExecutor executor = new ScriptedExecutor();
        try (SlipwayServer server = start(executor)) {
            RunsClient api = new RunsClient(server, data);
            String blocker = api.cmd("sleep 20000");
            await().atMost(Duration.ofSeconds(20)).until(() -> executor.started.contains(blocker));
            String run = runWithSecret(api, value);
            String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM scratch\n")));
            String build = api.create(Map.of("runType", "QuickBuild", "sourceLocation", source, "imageNames", List.of("app:1"),
                    "arguments", List.of(Map.of("name", "TOKEN", "value", arg, "isSecret", true)))).get("runId").asText();
            String canceled = runWithSecret(api, canceledValue);

            JsonNode stored = RunsClient.JSON.readTree(SecretFiles.storedRequest(data, run));
            assertThat(stored.toString()).doesNotContain(value);
            assertThat(stored.at("/values/0/sealedValue").asText()).isNotBlank();
            assertThat(SecretFiles.storedRequest(data, build)).doesNotContain(arg).contains("sealedValue");
            for (String plain : List.of(value, arg, canceledValue)) {
                assertThat(SecretFiles.anyContains(data, plain)).as("a file under the data directory holds " + plain).isFalse();
                assertThat(api.get(run).toString() + api.get(build) + api.get(canceled)
                        + api.json(api.send("GET", "/api/runs", null), 200)).doesNotContain(plain);
            }

            api.json(api.post("/api/runs/" + canceled + "/cancel", null), 200);
            assertThat(SecretFiles.storedRequest(data, canceled)).as("a canceled run keeps no secret").doesNotContain("sealedValue");
            api.json(api.post("/api/runs/" + blocker + "/cancel", null), 200);

            api.awaitStatus(run, "Succeeded");
            assertThat(cmd(executor, run)).isEqualTo("ok " + value);
            assertThat(executor.request(run).masked()).contains(value);
            api.awaitStatus(build, "Succeeded");
            assertThat(((BuildStep) executor.request(build).task().spec().steps().getFirst()).build()).contains("TOKEN=" + arg);
            JsonNode ended = RunsClient.JSON.readTree(SecretFiles.storedRequest(data, run));
            assertThat(ended.at("/values/0")).isEqualTo(RunsClient.JSON.readTree("{\"name\":\"pw\",\"value\":\"\",\"isSecret\":true}"));
            assertThat(SecretFiles.storedRequest(data, build)).doesNotContain("sealedValue");
            assertThat(api.log(run, "")).doesNotContain(value);
        }
    }

    @Test
    void aQueuedRunKeepsItsSecretOverARestartAndItsKeyIsRequiredToStart() throws Exception {
        String value = "r3start-" + System.nanoTime();
        ScriptedExecutor first = new ScriptedExecutor();
        SlipwayServer server = start(first);
        RunsClient api = new RunsClient(server, data);
        String stuck = api.cmd("hang 3000");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.started.contains(stuck));
        String queued = runWithSecret(api, value);
        server.close(); // the stuck run ignores its cancellation: it ends as Error at the next start, the other stays queued
        assertThat(SecretFiles.storedRequest(data, queued)).doesNotContain(value).contains("sealedValue");
        assertThat(SecretFiles.anyContains(data, value)).isFalse();

        // The queued run's secret needs the key: without it the server does not start (and makes no new key).
        Path keyFile = data.resolve("secrets.key");
        byte[] key = Files.readAllBytes(keyFile);
        Files.delete(keyFile);
        assertThatThrownBy(() -> start(new ScriptedExecutor())).isInstanceOf(IOException.class)
                .hasMessageContaining("(runs: " + queued + ")")
                .hasMessageContaining("DELETE FROM runs WHERE id IN ('" + queued + "');");
        assertThat(keyFile).doesNotExist();
        Files.write(keyFile, key);

        ScriptedExecutor next = new ScriptedExecutor();
        try (SlipwayServer again = start(next)) {
            RunsClient api2 = new RunsClient(again, data);
            assertThat(api2.awaitStatus(stuck, "Error").toString()).doesNotContain(value);
            api2.awaitStatus(queued, "Succeeded");
            assertThat(cmd(next, queued)).isEqualTo("ok " + value);
            assertThat(SecretFiles.storedRequest(data, queued)).doesNotContain("sealedValue").doesNotContain(value);
        }
    }

    @Test
    void aRunQueuedInPlainTextBeforeRequestsWereSealedStillRunsWithItsSecret() throws Exception {
        String value = "0ld-" + System.nanoTime();
        ScriptedExecutor first = new ScriptedExecutor();
        SlipwayServer server = start(first);
        RunsClient api = new RunsClient(server, data);
        String stuck = api.cmd("hang 3000");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.started.contains(stuck));
        String queued = runWithSecret(api, "placeholder");
        server.close();
        // The request as versions before sealing stored it: the secret value in plain text.
        String plain = SecretFiles.storedRequest(data, queued).replaceAll("\"sealedValue\":\"[^\"]*\"", "\"x\":0")
                .replace("\"value\":\"\"", "\"value\":\"" + value + "\"");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("slipway.db"));
             var u = c.prepareStatement("UPDATE runs SET request_json = ? WHERE id = ?")) {
            u.setString(1, plain);
            u.setString(2, queued);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }

        ScriptedExecutor next = new ScriptedExecutor();
        try (SlipwayServer again = start(next)) {
            RunsClient api2 = new RunsClient(again, data);
            api2.awaitStatus(queued, "Succeeded");
            assertThat(cmd(next, queued)).isEqualTo("ok " + value);
            assertThat(SecretFiles.storedRequest(data, queued)).doesNotContain(value);
        }
    }
}
