package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a cmd step becomes a container: step properties, docker run flags in the cmd, volumes. */
class CmdStepTest {
    @TempDir
    Path workspace;

    @Test
    void stepPropertiesBecomeTheContainer() {
        var runs = new Runs(workspace);
        runs.run("""
                env: ["TASK=1", "SHARED=task"]
                steps:
                  - id: web
                    cmd: nginx:1 -g 'daemon off;'
                    env: ["SHARED=step"]
                    workingDirectory: app
                    entryPoint: /docker-entrypoint.sh
                    user: "1000"
                    privileged: true
                    ports: ["8080:80"]
                    expose: ["9090"]
                """);

        ContainerSpec c = runs.engine.created().getFirst();
        assertThat(c.name()).isEqualTo("ca1-web");
        assertThat(c.image()).isEqualTo("nginx:1");
        assertThat(c.cmd()).containsExactly("-g", "daemon off;");
        assertThat(c.env()).containsExactly("HOME=/acb/home", "SHARED=step", "TASK=1");
        assertThat(c.workingDir()).isEqualTo("/workspace/app");
        assertThat(c.entrypoint()).containsExactly("/docker-entrypoint.sh");
        assertThat(c.user()).isEqualTo("1000");
        assertThat(c.privileged()).isTrue();
        assertThat(c.publish()).containsExactly("8080:80");
        assertThat(c.exposedPorts()).containsExactly("9090");
        assertThat(c.binds()).first().isEqualTo(workspace.toAbsolutePath() + ":/workspace");
        assertThat(c.binds().get(1)).endsWith("/home:/acb/home");
    }

    @Test
    void dockerRunFlagsInTheCmdWin() {
        var runs = new Runs(workspace);
        RunOutcome outcome = runs.run("""
                steps:
                  - id: t
                    cmd: -e A=1 --env=B=2 -w /tmp -u root --entrypoint sh --network host --rm -v /workspace/data:/data -v cache:/cache busybox -c "echo hi"
                    disableWorkingDirectoryOverride: true
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        ContainerSpec c = runs.engine.created().getFirst();
        assertThat(c.env()).endsWith("A=1", "B=2");
        assertThat(c.workingDir()).isEqualTo("/tmp");
        assertThat(c.user()).isEqualTo("root");
        assertThat(c.entrypoint()).containsExactly("sh");
        assertThat(c.network()).isEqualTo("host");
        assertThat(c.aliases()).isEmpty(); // host networking has no DNS aliases
        assertThat(c.binds()).contains(workspace.resolve("data") + ":/data", "cache:/cache");
        assertThat(c.cmd()).containsExactly("-c", "echo hi");
    }

    @Test
    void disableWorkingDirectoryOverrideKeepsTheImageWorkdir() {
        var runs = new Runs(workspace);
        runs.run("steps:\n  - cmd: busybox pwd\n    disableWorkingDirectoryOverride: true\n");

        assertThat(runs.engine.created().getFirst().workingDir()).isNull();
    }

    @Test
    void hostPathsOutsideTheWorkspaceCannotBeMounted() {
        var runs = new Runs(workspace);
        RunOutcome outcome = runs.run("steps:\n  - id: t\n    cmd: -v /etc:/host busybox ls\n");

        assertThat(outcome.error()).isEqualTo("failed to run step ID: t: cmd: volume /etc:/host: only paths under"
                + " /workspace and named volumes can be mounted");
        assertThat(runs.engine.created()).isEmpty();
    }

    @Test
    void aMissingImageIsPulledWithTheRegistryLogin() {
        var runs = new Runs(workspace);
        runs.logins = java.util.List.of(RegistryLogin.token(Runs.REGISTRY, "tok"));
        RunOutcome outcome = runs.run("""
                steps:
                  - cmd: remote-tool
                  - cmd: reg.example:5000/remote/tool:1
                  - id: bad
                    cmd: missing/tool
                """);

        assertThat(runs.engine.events()).contains("pull remote-tool",
                "pull reg.example:5000/remote/tool:1 as RegistryLogin[reg.example:5000, token]");
        assertThat(runs.log).contains("acb_step_0 | Status: Downloaded newer image for remote-tool");
        assertThat(outcome.error()).isEqualTo("failed to run step ID: bad: failed to pull image missing/tool: manifest unknown");
    }

    @Test
    void dockerCliStepsAreNotSupportedYet() {
        var runs = new Runs(workspace);
        RunOutcome outcome = runs.run("steps:\n  - id: d\n    cmd: docker ps\n");

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error())
                .isEqualTo("failed to run step ID: d: steps that run the docker CLI are not supported yet");
    }

    @Test
    void secretVolumesAreMountedReadOnlyAndRemovedAfterTheRun() throws Exception {
        var runs = new Runs(workspace);
        String b64 = Base64.getEncoder().encodeToString("s3cret-file".getBytes());
        runs.run("""
                volumes:
                  - name: creds
                    secret:
                      token.txt: %s
                steps:
                  - cmd: busybox cat /run/creds/token.txt
                    volumeMounts:
                      - name: creds
                        mountPath: /run/creds
                """.formatted(b64));

        String bind = runs.engine.created().getFirst().binds().stream().filter(b -> b.endsWith(":/run/creds:ro"))
                .findFirst().orElseThrow();
        Path dir = Path.of(bind.substring(0, bind.indexOf(':')));
        assertThat(dir).doesNotExist(); // cleaned up with the run
    }
}
