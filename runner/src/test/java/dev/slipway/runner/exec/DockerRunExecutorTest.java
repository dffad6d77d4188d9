package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.runner.RunVariables;
import dev.slipway.runner.TaskRendering;
import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.TaskDefaults;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor on the real Docker engine: build FROM a locally built busybox base, run the built image, push it to
 * a throwaway Distribution registry on loopback. CI always has dockerd, so a missing socket fails the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerRunExecutorTest {
    private static final String PREFIX = "slipway-exectest-";

    @TempDir
    Path temp;

    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> images = new ArrayList<>();
    private Process registry;
    private int port;

    @BeforeEach
    void startRegistry() throws Exception {
        String host = System.getenv("DOCKER_HOST");
        assertThat(host != null || Files.exists(Path.of("/var/run/docker.sock")))
                .as("a Docker engine (DOCKER_HOST or /var/run/docker.sock)").isTrue();
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = temp.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(temp.resolve("registry-data"), port));
        registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("registry.log").toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (status("/v2/") != 200) {
            assertThat(System.nanoTime()).as("registry up").isLessThan(until);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
        for (String image : images.reversed()) {
            new ProcessBuilder("/usr/bin/docker", "rmi", "-f", image).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String buildBase() {
        String base = PREFIX + "base-" + nonce + ":1";
        Path baseDir;
        try {
            baseDir = Files.createDirectories(temp.resolve("base"));
            Files.copy(Path.of("/bin/busybox"), baseDir.resolve("busybox"));
            Files.writeString(baseDir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                    + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        images.add(base);
        DockerEngine.fromEnvironment().buildImage(new BuildSpec(baseDir, baseDir.resolve("Dockerfile"),
                List.of(base), Map.of(), null, null, false, false, Map.of(), null, List.of()), line -> { });
        return base;
    }

    private RunOutcome run(String runId, String yaml, Path workspace, List<String> log) {
        String reg = "127.0.0.1:" + port;
        var vars = new RunVariables(runId, reg, Instant.now(), "linux", "amd64", "", "", "t", "v");
        var prepared = TaskRendering.prepare("acb.yaml", yaml, vars, Map.of(), s -> null, AliasSources.NONE,
                TaskDefaults.NONE).prepared();
        return RunExecutor.onDocker().execute(new RunRequest(runId, reg, prepared, workspace, List.of(), List.of(),
                Duration.ofMinutes(2)), log::add, new Cancellation());
    }

    @Test
    void stepsReachEachOtherByIdOnTheRunNetwork() throws Exception {
        String base = buildBase();
        String runId = PREFIX + "net-" + nonce;
        var log = new CopyOnWriteArrayList<String>();
        RunOutcome outcome = run(runId, """
                steps:
                  - id: srv
                    cmd: %1$s sh -c "echo pong | nc -l -p 8080"
                    detach: true
                  - id: client
                    cmd: %1$s sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do nc srv 8080 && exit 0; sleep 0.3; done; exit 1"
                """.formatted(base), Files.createDirectories(temp.resolve("ws")), log);

        assertThat(outcome.status()).as(String.join("\n", log)).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(log).contains("client | pong");
        assertThat(docker("ps", "-a", "-q", "--filter", "name=" + runId)).isBlank(); // the detached one too
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + runId)).isBlank();
    }

    @Test
    void dockerCliStepsTagPushAndListOnTheSameEngine() throws Exception {
        String base = buildBase();
        String runId = PREFIX + "cli-" + nonce;
        String target = "127.0.0.1:" + port + "/cli/copy-" + nonce + ":1";
        images.add(target);
        var log = new CopyOnWriteArrayList<String>();
        Path ws = Files.createDirectories(temp.resolve("ws-cli"));
        Files.writeString(ws.resolve("hello.txt"), "from the workspace\n");
        RunOutcome outcome = run(runId, """
                steps:
                  - id: list
                    cmd: docker images --format '{{"{{"}}.Repository{{"}}"}}:{{"{{"}}.Tag{{"}}"}}'
                  - id: retag
                    cmd: docker tag %1$s %2$s && docker push %2$s
                  - id: nested
                    cmd: docker run --rm -v $PWD:/src %1$s cat /src/hello.txt
                """.formatted(base, target), ws, log);

        assertThat(outcome.status()).as(String.join("\n", log)).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(log).contains("list | " + base);
        assertThat(log).anyMatch(l -> l.startsWith("retag | ") && l.contains("digest: sha256:"));
        assertThat(log).contains("nested | from the workspace");
        assertThat(status("/v2/cli/copy-" + nonce + "/manifests/1")).isEqualTo(200);
    }

    @Test
    void aStepOverItsTimeoutIsKilledAndRemoved() throws Exception {
        String base = buildBase();
        String runId = PREFIX + "slow-" + nonce;
        var log = new CopyOnWriteArrayList<String>();
        long start = System.nanoTime();
        RunOutcome outcome = run(runId, """
                steps:
                  - id: nap
                    cmd: %s sleep 60
                    timeout: 2
                """.formatted(base), Files.createDirectories(temp.resolve("ws")), log);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo("failed to run step ID: nap: timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(docker("ps", "-a", "-q", "--filter", "name=" + runId)).isBlank();
    }

    @Test
    void buildsRunsAndPushesOnDocker() throws Exception {
        String base = buildBase();
        Path workspace = Files.createDirectories(temp.resolve("workspace"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built-by-run > /built.txt\n");
        Files.writeString(workspace.resolve("hello.txt"), "hello from the workspace\n");
        String runId = PREFIX + nonce;
        String reg = "127.0.0.1:" + port;
        images.add(reg + "/exectest/app:" + runId);
        String yaml = """
                volumes:
                  - name: creds
                    secret:
                      token.txt: {{ "from-a-secret-volume" | b64enc }}
                steps:
                  - id: build
                    build: -t exectest/app:{{.Run.ID}} .
                  - id: show
                    cmd: {{.Run.Registry}}/exectest/app:{{.Run.ID}} cat /built.txt hello.txt /run/creds/token.txt
                    volumeMounts:
                      - name: creds
                        mountPath: /run/creds
                  - id: push
                    push: ["exectest/app:{{.Run.ID}}"]
                """;
        var log = new CopyOnWriteArrayList<String>();

        RunOutcome outcome = run(runId, yaml, workspace, log);

        assertThat(outcome.status()).as(String.join("\n", log)).isEqualTo(RunOutcome.Status.SUCCEEDED);
        String image = reg + "/exectest/app:" + runId;
        assertThat(log).anyMatch(l -> l.matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d Successfully scanned dependencies"))
                .contains("show | built-by-run", "show | hello from the workspace", "show | from-a-secret-volume")
                .anyMatch(l -> l.endsWith("Launching container with name: " + runId + "-show"))
                .anyMatch(l -> l.endsWith("Successfully pushed image: " + image))
                .anyMatch(l -> l.contains("Step ID: push marked as successful (elapsed time in seconds: "));
        assertThat(outcome.outputImages()).hasSize(1);
        String pushed = outcome.outputImages().getFirst();
        assertThat(pushed).startsWith(image + "@sha256:");
        String digest = pushed.substring(pushed.indexOf('@') + 1);
        HttpResponse<Void> manifest = get("/v2/exectest/app/manifests/" + runId);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(outcome.dependencies().entries().getFirst().image().digest()).isEqualTo(digest);
        // nothing of the run is left behind
        assertThat(docker("ps", "-a", "-q", "--filter", "name=" + runId)).isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + runId)).isBlank();
    }

    private HttpResponse<Void> get(String path) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    private static String docker(String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add("/usr/bin/docker");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }
}
