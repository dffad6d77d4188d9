package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks end to end with real clients against the packaged jar: a write-locked tag refuses {@code docker push},
 * a read-locked repository refuses {@code skopeo inspect}, and unlocking restores both.
 */
class LocksIT {
    private static final String DOCKER = "/usr/bin/docker";
    private static final String REPO = "locks-it/app";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    static Process server;
    static String registry;
    /** Image ids to remove afterwards (importing again under the same name leaves the old one untagged). */
    static final List<String> images = new ArrayList<>();

    record Result(int exit, String output) { }

    @BeforeAll
    static void start() throws Exception {
        // Set by failsafe once the jar is packaged (a -Dtest pattern can pull this class into surefire's run).
        assumeTrue(System.getProperty("slipway.jar") != null, "slipway.jar not set: run with failsafe (mvn verify)");
        assumeTrue(Files.isExecutable(Path.of(DOCKER)), "docker CLI not installed");
        assumeTrue(run(List.of(DOCKER, "version"), Duration.ofSeconds(30)).exit() == 0, "no docker daemon");
        assumeTrue(run(List.of("skopeo", "--version"), Duration.ofSeconds(30)).exit() == 0, "skopeo not installed");
        Files.createDirectories(work.resolve("docker-config"));
        Files.writeString(work.resolve("auth.json"), "{\"auths\":{}}");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registry = "127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-jar", System.getProperty("slipway.jar"), "serve", "--data-dir", work.resolve("data").toString(),
                "--port", String.valueOf(port), "--auth", "none")
                .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (request("GET", "/v2/", null).statusCode() == 200) {
                    break;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("server did not start:\n" + Files.readString(work.resolve("server.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (String image : images) {
            run(List.of(DOCKER, "rmi", "-f", image), Duration.ofSeconds(60));
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void writeLockedTagRefusesDockerPushAndReadLockedRepositoryRefusesSkopeo() throws Exception {
        String image = registry + "/" + REPO + ":v1";
        importImage("first", image);
        Result push = docker("push", image);
        assertThat(push.exit()).as(push.output()).isZero();
        String firstDigest = inspectDigest();

        // A write-locked tag cannot be re-pointed by docker push.
        patch("/acr/v1/" + REPO + "/_tags/v1", "{\"writeEnabled\": false}");
        importImage("second", image);
        Result refused = docker("push", image);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("denied").contains("tag " + REPO + ":v1 is locked: writeEnabled is false");
        assertThat(inspectDigest()).isEqualTo(firstDigest);

        // A read-locked repository cannot be pulled from, not even inspected.
        patch("/acr/v1/" + REPO, "{\"readEnabled\": false}");
        Result inspect = skopeo("inspect", "docker://" + image);
        assertThat(inspect.exit()).as(inspect.output()).isNotZero();
        assertThat(inspect.output()).containsIgnoringCase("denied");

        // Unlocked, both work again.
        patch("/acr/v1/" + REPO, "{\"readEnabled\": true}");
        assertThat(inspectDigest()).isEqualTo(firstDigest);
        patch("/acr/v1/" + REPO + "/_tags/v1", "{\"writeEnabled\": true}");
        Result pushed = docker("push", image);
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(inspectDigest()).isNotEqualTo(firstDigest);
    }

    /** A tiny image from scratch: a static busybox and a file that makes each image distinct. */
    private static void importImage(String seed, String name) throws Exception {
        Path root = work.resolve("rootfs-" + seed);
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Files.writeString(root.resolve("etc/locks-it.txt"), seed + " " + System.nanoTime() + "\n");
        Path tar = work.resolve(seed + ".tar");
        Result t = run(List.of("tar", "--owner=0", "--group=0", "-C", root.toString(), "-cf", tar.toString(), "."), Duration.ofSeconds(60));
        assertThat(t.exit()).as(t.output()).isZero();
        Result imported = docker("import", "--change", "CMD [\"/bin/sh\"]", tar.toString(), name);
        assertThat(imported.exit()).as(imported.output()).isZero();
        Result id = docker("image", "inspect", "-f", "{{.Id}}", name);
        assertThat(id.exit()).as(id.output()).isZero();
        images.add(id.output().trim());
    }

    private static String inspectDigest() throws Exception {
        Result r = skopeo("inspect", "--format", "{{.Digest}}", "docker://" + registry + "/" + REPO + ":v1");
        assertThat(r.exit()).as(r.output()).isZero();
        return r.output().trim();
    }

    private static Result docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DOCKER));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofMinutes(3));
    }

    private static Result skopeo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", args[0], "--tls-verify=false", "--authfile", work.resolve("auth.json").toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        return run(cmd, Duration.ofMinutes(2));
    }

    private static Result run(List<String> cmd, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (work != null) {
            env.put("DOCKER_CONFIG", work.resolve("docker-config").toString());
            env.put("REGISTRY_AUTH_FILE", work.resolve("auth.json").toString());
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    }

    private static void patch(String path, String json) {
        HttpResponse<String> r = request("PATCH", path, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> request(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + registry + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
