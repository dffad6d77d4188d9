package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyReportTest {

    static final String A = "sha256:" + "1".repeat(64);
    static final String B = "sha256:" + "2".repeat(64);
    static final String C = "sha256:" + "3".repeat(64);

    static String golden(String name) throws IOException {
        try (InputStream in = DependencyReportTest.class.getResourceAsStream("/dependencies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void buildStepToReportEndToEnd() throws IOException {
        BuildCommand build = DockerBuildCommand.parse("-t hello-world:cf10 -t ghcr.io/me/hello"
                + " --build-arg SDK_TAG=8.0 -f arg-in-from.Dockerfile .");
        List<String> tags = Tags.prefixRegistry(build.tags(), "myregistry.azurecr.io", Set.of());
        Dependencies deps = DockerfileScanner.scan(DockerfileScannerTest.fixture(build.dockerfilePath()),
                build.buildArgs(), build.target(), build.platform());

        DependencyReport report = DependencyReport.of(tags, deps, "0f98a1b");
        assertThat(report.images()).extracting(ImageReference::fullName).containsExactly(
                "myregistry.azurecr.io/hello-world:cf10", "ghcr.io/me/hello:latest",
                "mcr.microsoft.com/dotnet/aspnet:8.0-alpine", "mcr.microsoft.com/dotnet/sdk:8.0");

        Map<String, String> digests = Map.of("myregistry.azurecr.io/hello-world:cf10", A,
                "mcr.microsoft.com/dotnet/aspnet:8.0-alpine", B, "mcr.microsoft.com/dotnet/sdk:8.0", C);
        DependencyReport resolved = report.withDigests(ref -> digests.get(ref.fullName()));

        assertThat(resolved.toJson()).isEqualTo(golden("arg-in-from.json"));
        assertThat(resolved.toLog()).isEqualTo("The following dependencies were found:\n" + golden("arg-in-from.json"));
        assertThat(DependencyReport.fromJson(resolved.toJson())).isEqualTo(resolved);
    }

    @Test
    void noTagsScratchRuntimeAndNoGit() {
        Dependencies deps = DockerfileScanner.scan("FROM golang:1.22 AS b\nFROM scratch\n", Map.of(), null);
        String json = DependencyReport.of(List.of(), deps, null).toJson();
        assertThat(json).isEqualTo("[{\"image\":null,\"runtime-dependency\":null,\"buildtime-dependency\":[{"
                + "\"registry\":\"registry.hub.docker.com\",\"repository\":\"library/golang\",\"tag\":\"1.22\","
                + "\"digest\":\"\",\"reference\":\"golang:1.22\"}]}]");
    }

    @Test
    void emptyBuildtimeIsNullAsGoMarshalsIt() {
        Dependencies deps = DockerfileScanner.scan("FROM node@" + A + "\n", Map.of(), null);
        assertThat(DependencyReport.of(List.of("reg.io/app:1", "reg.io/app:1"), deps, "").toJson())
                .isEqualTo("[{\"image\":{\"registry\":\"reg.io\",\"repository\":\"app\",\"tag\":\"1\",\"digest\":\"\","
                        + "\"reference\":\"reg.io/app:1\"},\"runtime-dependency\":{\"registry\":"
                        + "\"registry.hub.docker.com\",\"repository\":\"library/node\",\"digest\":\"" + A + "\","
                        + "\"reference\":\"node@" + A + "\"},\"buildtime-dependency\":null,"
                        + "\"git\":{\"git-head-revision\":\"\"}}]");
    }

    @Test
    void withDigestsKeepsPinnedDigestWhenNothingIsResolved() {
        Dependencies deps = DockerfileScanner.scan("FROM node@" + A + "\n", Map.of(), null);
        DependencyReport report = DependencyReport.of(List.of("reg.io/app"), deps, null).withDigests(ref -> null);
        assertThat(report.entries().getFirst().runtime().digest()).isEqualTo(A);
        assertThat(report.entries().getFirst().image().digest()).isNull();
    }

    @Test
    void readsAcbsOwnOutput() {
        String acb = "[{\"image\":{\"registry\":\"myregistry.azurecr.io\",\"repository\":\"hello-world\",\"tag\":\"cf10\","
                + "\"digest\":\"" + A + "\",\"reference\":\"myregistry.azurecr.io/hello-world:cf10\"},"
                + "\"runtime-dependency\":{\"registry\":\"registry.hub.docker.com\",\"repository\":\"library/node\","
                + "\"tag\":\"9-alpine\",\"digest\":\"" + B + "\",\"reference\":\"node:9-alpine\"},"
                + "\"buildtime-dependency\":[{\"registry\":\"registry.hub.docker.com\",\"repository\":\"library/golang\","
                + "\"tag\":\"1.10-alpine\",\"digest\":\"\",\"reference\":\"golang:1.10-alpine\"}],"
                + "\"git\":{\"git-head-revision\":\"0f98\"}},"
                + "{\"image\":null,\"runtime-dependency\":{\"registry\":\"registry.hub.docker.com\",\"repository\":"
                + "\"localhost:5000/foo\",\"digest\":\"\",\"reference\":\"localhost:5000/foo\"},"
                + "\"buildtime-dependency\":null}]";
        DependencyReport report = DependencyReport.fromJson(acb);
        assertThat(report.entries()).hasSize(2);
        DependencyReport.Entry first = report.entries().getFirst();
        assertThat(first.image().digest()).isEqualTo(A);
        assertThat(first.runtime().tag()).isEqualTo("9-alpine");
        assertThat(first.buildtime()).singleElement().satisfies(b -> assertThat(b.digest()).isNull());
        assertThat(first.gitHeadRevision()).isEqualTo("0f98");
        DependencyReport.Entry second = report.entries().get(1);
        assertThat(second.image()).isNull();
        assertThat(second.runtime().tag()).as("acb's localhost:5000 bug: no tag").isNull();
        assertThat(second.buildtime()).isEmpty();
        assertThat(second.gitHeadRevision()).isNull();
        assertThat(DependencyReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void malformedReports() {
        assertThatThrownBy(() -> DependencyReport.fromJson("The following")).isInstanceOf(ScanException.class)
                .hasMessageStartingWith("dependency report is not JSON");
        assertThatThrownBy(() -> DependencyReport.fromJson("{}")).hasMessage("dependency report is not a JSON array");
        assertThatThrownBy(() -> DependencyReport.fromJson("[{\"image\":{\"registry\":\"r\"}}]"))
                .hasMessageStartingWith("dependency report has an incomplete image");
    }
}
