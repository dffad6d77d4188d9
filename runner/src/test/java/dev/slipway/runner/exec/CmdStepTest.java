package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
    void dockerCliStepsRunTheWholeCmdInTheLocallyBuiltCliImage() {
        var runs = new Runs(workspace);
        runs.logins.add(RegistryLogin.token(Runs.REGISTRY, "run-token"));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: images
                    cmd: docker images
                  - id: retag
                    cmd: docker tag a {{.Run.Registry}}/b:1 && docker push {{.Run.Registry}}/b:1
                    env: [X=1]
                """);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        List<ContainerSpec> created = runs.engine.created();
        assertThat(created).hasSize(2);
        ContainerSpec retag = created.get(1);
        String ws = workspace.toAbsolutePath().normalize().toString();
        assertThat(retag.image()).isEqualTo(DockerCli.image()).startsWith("slipway/docker-cli:");
        assertThat(retag.entrypoint()).containsExactly("/bin/sh");
        assertThat(retag.cmd()).containsExactly("-c", "docker tag a " + Runs.REGISTRY + "/b:1 && docker push " + Runs.REGISTRY + "/b:1");
        assertThat(retag.binds()).contains(ws + ":/workspace", ws + ":" + ws, "/var/run/docker.sock:/var/run/docker.sock");
        assertThat(retag.binds()).anyMatch(b -> b.endsWith(":/acb/home"));
        assertThat(retag.env()).contains("HOME=/acb/home", "DOCKER_CONFIG=/acb/home/.docker", "X=1",
                "SLIPWAY_NETWORK=ca1_acb_default_network");
        assertThat(retag.workingDir()).isEqualTo(ws);
        assertThat(retag.network()).isEqualTo("ca1_acb_default_network");
        // The CLI image is built once from the host's client, never pulled.
        assertThat(runs.engine.builds()).hasSize(1);
        assertThat(runs.engine.builds().getFirst().tags()).containsExactly(DockerCli.image());
        assertThat(runs.engine.events()).noneMatch(e -> e.startsWith("pull "));
    }

    @Test
    void theDockerConfigHoldsTheRunsLogins(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        DockerConfig.write(home, List.of(RegistryLogin.token("reg:5000", "tok"), RegistryLogin.password("other.io", "u", "p")));
        String json = java.nio.file.Files.readString(home.resolve(".docker/config.json"));
        assertThat(json).contains("\"reg:5000\" : {\n      \"registrytoken\" : \"tok\"")
                .contains("\"auth\" : \"" + java.util.Base64.getEncoder().encodeToString("u:p".getBytes()) + "\"")
                // engines that drop registrytoken (Podman) get the token as the token user's password
                .contains("\"auth\" : \"" + java.util.Base64.getEncoder().encodeToString("slipway-run-token:tok".getBytes()) + "\"");
    }

    @Test
    void tokenLoginsCarryTheTokenBothWaysAndPodmanPushDigestsAreRead() {
        var auth = DockerImages.auth(RegistryLogin.token("reg:5000", "tok"));
        assertThat(auth.getRegistrytoken()).isEqualTo("tok");
        assertThat(auth.getUsername()).isEqualTo(RegistryLogin.TOKEN_USER);
        assertThat(auth.getPassword()).isEqualTo("tok");
        assertThat(DockerImages.pushedDigest("ca4: digest: sha256:" + "b".repeat(64) + " size: 737"))
                .contains("sha256:" + "b".repeat(64));
        assertThat(DockerImages.pushedDigest("Pushing")).isEmpty();
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
