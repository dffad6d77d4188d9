package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.RunOutcome;
import dev.slipway.runner.scan.Dependencies;
import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.scan.ImageReference;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependency report of a run is stored with it (base-image triggers read it) and survives a restart. */
class RunDependenciesTest {
    @TempDir(factory = TestDirs.InMemory.class)
    Path data;

    @Test
    void aRunsDependencyReportIsStoredAndServed() throws Exception {
        DependencyReport report = DependencyReport.of(List.of("reg:5000/app:ca1"),
                new Dependencies(ImageReference.parse("reg:5000/base:1"), List.of(ImageReference.parse("reg:5000/sdk:2"))),
                "0123abcd").withDigests(ref -> "sha256:" + "a".repeat(64));
        ServerConfig config = ServerConfig.defaults(data).withPort(0);
        try (SlipwayServer server = SlipwayServer.start(config, (request, log, cancellation) -> new RunOutcome(
                RunOutcome.Status.SUCCEEDED, null, List.of("reg:5000/app:ca1@sha256:" + "a".repeat(64)), report, List.of()))) {
            RunsClient api = new RunsClient(server, data);
            String built = api.cmd("build-something");
            api.awaitStatus(built, "Succeeded");
            JsonNode deps = api.json(api.send("GET", "/api/runs/" + built + "/dependencies", null), 200);
            assertThat(deps).hasSize(1);
            assertThat(deps.get(0).path("image").path("reference").asText()).isEqualTo("reg:5000/app:ca1");
            assertThat(deps.get(0).path("runtime-dependency").path("repository").asText()).isEqualTo("base");
            assertThat(deps.get(0).path("buildtime-dependency").get(0).path("repository").asText()).isEqualTo("sdk");
            assertThat(deps.get(0).path("git").path("git-head-revision").asText()).isEqualTo("0123abcd");
            assertThat(api.send("GET", "/api/runs/zz9/dependencies", null).statusCode()).isEqualTo(404);
        }
        try (SlipwayServer again = SlipwayServer.start(config, (request, log, cancellation) -> new RunOutcome(
                RunOutcome.Status.SUCCEEDED, null, List.of(), new DependencyReport(List.of()), List.of()))) {
            RunsClient api = new RunsClient(again, data);
            assertThat(api.json(api.send("GET", "/api/runs/ca1/dependencies", null), 200)).hasSize(1);
            String nothing = api.cmd("echo");
            api.awaitStatus(nothing, "Succeeded");
            assertThat(api.json(api.send("GET", "/api/runs/" + nothing + "/dependencies", null), 200)).isEmpty();
        }
    }
}
