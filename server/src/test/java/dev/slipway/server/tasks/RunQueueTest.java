package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduling, cancel, timeout, restart and retention, each on its own server. */
class RunQueueTest {
    @TempDir(factory = TestDirs.InMemory.class)
    Path data;

    private SlipwayServer start(RunSettings runs, ScriptedExecutor executor) throws Exception {
        return SlipwayServer.start(ServerConfig.defaults(data).withPort(0).withRuns(runs), executor);
    }

    @Test
    void fifoWithBoundedConcurrencyAndSequentialIds() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor();
        try (SlipwayServer server = start(RunSettings.DEFAULTS, executor)) {
            RunsClient api = new RunsClient(server, data);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(api.cmd("sleep 150"));
            }
            assertThat(ids).containsExactly("ca1", "ca2", "ca3", "ca4", "ca5", "ca6");
            ids.forEach(id -> api.awaitStatus(id, "Succeeded"));
            assertThat(executor.maxRunning.get()).isEqualTo(2);
            // FIFO: each pair starts before the next pair (two may swap within a pair, they start together).
            List<String> started = executor.started;
            assertThat(started.subList(0, 2)).containsExactlyInAnyOrder("ca1", "ca2");
            assertThat(started.subList(2, 4)).containsExactlyInAnyOrder("ca3", "ca4");
            assertThat(started.subList(4, 6)).containsExactlyInAnyOrder("ca5", "ca6");
            JsonNode run = api.get("ca1");
            assertThat(run.get("startTime").isNull()).isFalse();
            assertThat(run.get("finishTime").isNull()).isFalse();
        }
    }

    @Test
    void aConfiguredPrefixAndOneAtATime() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor();
        try (SlipwayServer server = start(RunSettings.DEFAULTS.withMaxConcurrent(1).withIdPrefix("da"), executor)) {
            RunsClient api = new RunsClient(server, data);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(api.cmd("sleep 50"));
            }
            assertThat(ids).containsExactly("da1", "da2", "da3", "da4");
            ids.forEach(id -> api.awaitStatus(id, "Succeeded"));
            assertThat(executor.maxRunning.get()).isEqualTo(1);
            assertThat(executor.started).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void cancelAQueuedRunAtOnceAndARunningOneThroughItsCancellation() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor();
        try (SlipwayServer server = start(RunSettings.DEFAULTS.withMaxConcurrent(1), executor)) {
            RunsClient api = new RunsClient(server, data);
            String running = api.cmd("sleep 20000");
            String queued = api.cmd("ok");
            api.awaitStatus(running, "Running");
            // "Running" is set before the context and the render: wait until the executor has the run, so the cancel
            // below reaches it (a cancel before that ends the run without calling the executor).
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> executor.started.contains(running));
            JsonNode canceled = api.json(api.post("/api/runs/" + queued + "/cancel", null), 200);
            assertThat(canceled.get("status").asText()).isEqualTo("Canceled");
            assertThat(api.log(queued, "")).isEqualTo("Run ID: " + queued + " was canceled after 0s\n");
            assertThat(api.json(api.post("/api/runs/" + running + "/cancel", null), 200).get("status").asText())
                    .isIn("Running", "Canceled");
            JsonNode r = api.awaitStatus(running, "Canceled");
            assertThat(r.get("runErrorMessage").asText()).isEqualTo("canceled");
            assertThat(api.log(running, "")).matches("(?s).*\nRun ID: " + running + " was canceled after \\d+s\n");
            assertThat(executor.started).containsExactly(running);
        }
    }

    @Test
    void aRunLongerThanItsTimeoutEndsAsTimeout() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor();
        try (SlipwayServer server = start(RunSettings.DEFAULTS, executor)) {
            RunsClient api = new RunsClient(server, data);
            String id = api.create(Map.of("runType", "QuickRun", "cmd", "sleep 30000", "timeout", 1)).get("runId").asText();
            JsonNode r = api.awaitStatus(id, "Timeout");
            assertThat(r.get("runErrorMessage").asText()).isEqualTo("the run timed out after 1s");
            assertThat(api.log(id, "")).matches("(?s).*\nRun ID: " + id + " failed after \\d+s\\. Error: the run timed out after 1s\n");
            assertThat(executor.request(id).timeout()).hasSeconds(1);
        }
    }

    @Test
    void queuedRunsSurviveARestartAndRunningOnesEndAsError() throws Exception {
        ScriptedExecutor first = new ScriptedExecutor();
        SlipwayServer server = start(RunSettings.DEFAULTS.withMaxConcurrent(1).withShutdownWait(Duration.ofMillis(100)), first);
        RunsClient api = new RunsClient(server, data);
        String stuck = api.cmd("hang 3000");
        String second = api.cmd("ok");
        String third = api.cmd("ok");
        api.awaitStatus(stuck, "Running");
        server.close(); // the stuck run ignores its cancellation: as if the process died under it

        ScriptedExecutor next = new ScriptedExecutor();
        try (SlipwayServer again = start(RunSettings.DEFAULTS.withMaxConcurrent(1), next)) {
            RunsClient api2 = new RunsClient(again, data);
            JsonNode dead = api2.get(stuck);
            assertThat(dead.get("status").asText()).isEqualTo("Error");
            assertThat(dead.get("runErrorMessage").asText()).isEqualTo("the server stopped while the run was running");
            assertThat(api2.log(stuck, "")).contains("Run ID: " + stuck + " failed after")
                    .endsWith("Error: the server stopped while the run was running\n");
            api2.awaitStatus(second, "Succeeded");
            api2.awaitStatus(third, "Succeeded");
            assertThat(next.started).containsExactly(second, third);
            assertThat(api2.cmd("ok")).isEqualTo("ca4");
        }
    }

    @Test
    void logsOfOldRunsAreDeletedUnlessArchived() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor();
        RunSettings runs = RunSettings.DEFAULTS.withLogRetention(Duration.ofSeconds(1), Duration.ofMillis(200));
        try (SlipwayServer server = start(runs, executor)) {
            RunsClient api = new RunsClient(server, data);
            String kept = api.cmd("ok");
            String dropped = api.cmd("ok");
            api.json(api.send("PATCH", "/api/runs/" + kept, "{\"isArchiveEnabled\":true}".getBytes()), 200);
            api.awaitStatus(kept, "Succeeded");
            api.awaitStatus(dropped, "Succeeded");
            Path droppedLog = data.resolve("runs").resolve(dropped + ".log");
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(droppedLog));
            assertThat(api.send("GET", "/api/runs/" + dropped + "/log", null).statusCode()).isEqualTo(404);
            assertThat(api.log(kept, "")).contains("was successful");
        }
    }
}
