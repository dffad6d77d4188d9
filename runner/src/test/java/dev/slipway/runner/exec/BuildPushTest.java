package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.TaskFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build steps (tags, context, scan, report) and push steps (retries, digests, output images). */
class BuildPushTest {
    @TempDir
    Path workspace;

    private static final String BUILD_AND_PUSH = """
            steps:
              - id: build
                build: -t app:{{.Run.ID}} -t other.example/team/app:v1 --build-arg V=1 -f src/Dockerfile src
              - id: push
                push: ["app:{{.Run.ID}}"]
            """;

    private Runs withDockerfile() throws Exception {
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/Dockerfile"), "ARG V\nFROM base:1\nRUN echo $V\n");
        return new Runs(workspace);
    }

    @Test
    void buildPrefixesTagsScansThenPushesAndReportsDigests() throws Exception {
        var runs = withDockerfile();
        runs.logins = List.of(RegistryLogin.token(Runs.REGISTRY, "tok"));
        RunOutcome outcome = runs.run(BUILD_AND_PUSH);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        BuildSpec build = runs.engine.builds().getFirst();
        assertThat(build.tags()).containsExactly("reg.example:5000/app:ca1", "other.example/team/app:v1");
        assertThat(build.context()).isEqualTo(workspace.resolve("src"));
        assertThat(build.dockerfile()).isEqualTo(workspace.resolve("src/Dockerfile"));
        assertThat(build.buildArgs()).containsEntry("V", "1");
        assertThat(build.logins()).extracting(RegistryLogin::server).containsExactly(Runs.REGISTRY);
        assertThat(runs.log).containsSubsequence(
                "2026/12/02 03:30:12 Scanning for dependencies...",
                "2026/12/02 03:30:12 Successfully scanned dependencies",
                "build | Step 1/1 : FROM base",
                "2026/12/02 03:30:12 Pushing image: reg.example:5000/app:ca1, attempt 1",
                "2026/12/02 03:30:12 Successfully pushed image: reg.example:5000/app:ca1",
                "2026/12/02 03:30:12 Populating digests for step ID: build...",
                "2026/12/02 03:30:12 The following dependencies were found:");
        String digest = FakeEngine.digestOf("reg.example:5000/app:ca1");
        assertThat(runs.engine.events()).contains("push reg.example:5000/app:ca1 as RegistryLogin[reg.example:5000, token]");
        assertThat(outcome.outputImages()).containsExactly("reg.example:5000/app:ca1@" + digest);
        assertThat(runs.engine.events()).as("no container joins a network in a build-and-push run: none is created")
                .noneMatch(e -> e.startsWith("network create"));
        var entry = outcome.dependencies().entries().getFirst();
        assertThat(entry.image().fullName()).isEqualTo("reg.example:5000/app:ca1@" + digest);
        assertThat(entry.runtime().fullName())
                .isEqualTo("registry.hub.docker.com/library/base:1@" + FakeEngine.digestOf("base"));
        String json = runs.log.get(runs.log.indexOf(runs.lines("The following dependencies were found:").getFirst()) + 1);
        assertThat(json).startsWith("[{\"image\":{\"registry\":\"reg.example:5000\",\"repository\":\"app\"")
                .isEqualTo(outcome.dependencies().toJson());
    }

    @Test
    void aRelativeWorkspaceBecomesAbsoluteSoBuildsAndBindMountsWork() throws Exception {
        var request = new RunRequest("ca9", Runs.REGISTRY, TaskFile.prepare("steps:\n  - cmd: x\n", AliasSources.NONE, t -> t),
                Path.of("./data/runs/ca9/workspace"), List.of(), List.of(), Duration.ofMinutes(1));
        assertThat(request.workspace()).isAbsolute().isEqualTo(Path.of("data/runs/ca9/workspace").toAbsolutePath());
    }

    @Test
    void pushIsRetriedWithBackoff() throws Exception {
        var runs = withDockerfile();
        runs.engine.failPushes("reg.example:5000/app:ca1", 2);
        RunOutcome outcome = runs.run(BUILD_AND_PUSH);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(runs.lines("Pushing image: reg.example:5000/app:ca1, attempt ")).hasSize(3);
        assertThat(runs.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(runs.lines("Successfully pushed image: reg.example:5000/app:ca1")).hasSize(1);
    }

    @Test
    void pushFailsAfterThreeAttempts() throws Exception {
        var runs = withDockerfile();
        runs.engine.failPushes("reg.example:5000/app:ca1", 3);
        RunOutcome outcome = runs.run(BUILD_AND_PUSH);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo(
                "failed to run step ID: push: failed to push image reg.example:5000/app:ca1: connection refused");
        assertThat(outcome.outputImages()).isEmpty();
        assertThat(outcome.dependencies().entries()).isEmpty();
    }

    @Test
    void aFailedBuildEndsLikeTheDockerCli() throws Exception {
        var runs = withDockerfile();
        RunOutcome outcome = runs.run("""
                steps:
                  - id: build
                    build: -t app:1 --build-arg FAIL=1 src
                """);

        assertThat(outcome.error()).isEqualTo("failed to run step ID: build: exit status 1");
        assertThat(runs.log).anyMatch(l -> l.startsWith("build | failed to build image: The command"));
    }

    @Test
    void buildContextFollowsTheWorkingDirectory() throws Exception {
        var runs = withDockerfile();
        runs.run("""
                steps:
                  - build: -t app:1 .
                    workingDirectory: src
                """);

        BuildSpec build = runs.engine.builds().getFirst();
        assertThat(build.context()).isEqualTo(workspace.resolve("src"));
        assertThat(build.dockerfile()).isEqualTo(workspace.resolve("src/Dockerfile"));
        assertThat(runs.lines("Working directory: 'src'")).hasSize(1);
    }

    @Test
    void aContextOutsideTheWorkspaceIsRefused() throws Exception {
        var runs = withDockerfile();
        RunOutcome outcome = runs.run("steps:\n  - build: -t app:1 ../..\n");

        assertThat(outcome.error()).startsWith("failed to run step ID: acb_step_0: the build context and its"
                + " Dockerfile must be inside the workspace");
        assertThat(runs.engine.builds()).isEmpty();
    }
}
