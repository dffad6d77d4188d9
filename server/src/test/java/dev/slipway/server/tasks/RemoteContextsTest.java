package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.oci.Digest;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import dev.slipway.server.testing.TestClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git (file:// and smart HTTP), tarball URL and oci:// contexts on a real server with a scripted executor. */
class RemoteContextsTest {
    static final String TASK = "steps:\n  - cmd: echo commit={{.Run.Commit}} branch={{.Run.Branch}}\n";
    static SlipwayServer server;
    static ScriptedExecutor executor = new ScriptedExecutor();
    static RunsClient api;
    static Path data;
    static GitRepos repos;
    static RevCommit first;
    static RevCommit second;
    static RevCommit feature;

    @BeforeAll
    static void start(@TempDir(factory = TestDirs.InMemory.class) Path dir, @TempDir Path git) throws Exception {
        data = dir;
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), executor);
        api = new RunsClient(server, dir);
        repos = new GitRepos(git);
        first = repos.commit("first", Map.of("acb.yaml", TASK, "app/acb.yaml", TASK, "app/Dockerfile", "FROM scratch\n",
                "README.md", "v1", "escape", "->../../..", "app/up", "->.."));
        repos.tag("v1");
        second = repos.commit("second", Map.of("README.md", "v2", "app/new.txt", "new"));
        repos.branch("feature");
        repos.checkout("feature");
        feature = repos.commit("on feature", Map.of("feature.txt", "f"));
        repos.checkout("main");
    }

    @AfterAll
    static void stop() {
        server.close();
        repos.close();
    }

    private static String run(String source) throws Exception {
        return api.create(Map.of("runType", "QuickRun", "sourceLocation", source, "taskFilePath", "acb.yaml")).get("runId").asText();
    }

    private static String cmd(String id) {
        return ((CmdStep) executor.request(id).task().spec().steps().getFirst()).cmd();
    }

    @Test
    void branchAndSubfolderBecomeTheWorkspaceAndCommitAndBranchAreRecorded() throws Exception {
        String id = run(repos.url() + "#main:app");
        api.awaitStatus(id, "Succeeded");
        assertThat(cmd(id)).isEqualTo("echo commit=" + second.name() + " branch=main");
        RunRequest req = executor.request(id);
        assertThat(req.gitHeadRevision()).isEqualTo(second.name());
        assertThat(executor.workspaceFiles.get(id)).contains("acb.yaml", "Dockerfile", "new.txt").doesNotContain("README.md");
        assertThat(api.log(id, "")).contains("Cloning " + repos.url() + " at main").doesNotContain("Shallow fetch");
    }

    @Test
    void defaultBranchTagCommitAndOtherBranch() throws Exception {
        String byDefault = run(repos.url());
        String byTag = run(repos.url() + "#v1");
        String byCommit = run(repos.url() + "#" + first.name() + ":app");
        String byShortCommit = run(repos.url() + "#" + first.name().substring(0, 10));
        String byBranch = run(repos.url() + "#feature");
        api.awaitStatus(byDefault, "Succeeded");
        assertThat(cmd(byDefault)).isEqualTo("echo commit=" + second.name() + " branch=main");
        api.awaitStatus(byTag, "Succeeded");
        assertThat(cmd(byTag)).isEqualTo("echo commit=" + first.name() + " branch=HEAD");
        assertThat(executor.workspaceFiles.get(byTag)).contains("README.md", "app/Dockerfile").doesNotContain("app/new.txt");
        api.awaitStatus(byCommit, "Succeeded");
        assertThat(cmd(byCommit)).isEqualTo("echo commit=" + first.name() + " branch=HEAD");
        api.awaitStatus(byShortCommit, "Succeeded");
        assertThat(cmd(byShortCommit)).isEqualTo("echo commit=" + first.name() + " branch=HEAD");
        api.awaitStatus(byBranch, "Succeeded");
        assertThat(cmd(byBranch)).isEqualTo("echo commit=" + feature.name() + " branch=feature");
        assertThat(executor.workspaceFiles.get(byBranch)).contains("feature.txt");
    }

    @Test
    void foldersOutsideTheRepositoryAndUnknownRefsFail() throws Exception {
        String dotdot = run(repos.url() + "#main:../");
        String link = run(repos.url() + "#main:escape");
        String linkUp = run(repos.url() + "#main:app/up");
        String missing = run(repos.url() + "#nope");
        assertThat(api.awaitStatus(dotdot, "Failed").get("runErrorMessage").asText()).contains("outside the repository");
        assertThat(api.awaitStatus(link, "Failed").get("runErrorMessage").asText()).contains("outside the repository");
        api.awaitStatus(linkUp, "Succeeded"); // app/up → the repository's root: still inside
        assertThat(api.awaitStatus(missing, "Failed").get("runErrorMessage").asText()).contains("'nope' is not in the repository");
    }

    @Test
    void smartHttpWithATokenInTheUrlIsRedacted(@TempDir Path root) throws Exception {
        String token = "ghp_s3cretT0ken";
        new ProcessBuilder("git", "clone", "-q", "--bare", repos.bare.toString(), root.resolve("r.git").toString())
                .inheritIO().start().waitFor();
        try (GitHttpBackend http = new GitHttpBackend(root, token)) {
            String url = http.url("r.git");
            String id = run(url.replace("http://", "http://" + token + "@") + "#main:app");
            JsonNode done = api.awaitStatus(id, "Succeeded");
            assertThat(cmd(id)).isEqualTo("echo commit=" + second.name() + " branch=main");
            String log = api.log(id, "");
            assertThat(log).contains("Cloning http://<REDACTED>@127.0.0.1").doesNotContain(token);
            assertThat(done.toString()).doesNotContain(token);
            // The URL was stored with its token sealed (opened for the clone above); once the run ended, only redacted.
            assertThat(SecretFiles.storedRequest(data, id)).doesNotContain(token).contains("http://<REDACTED>@127.0.0.1");
            assertThat(SecretFiles.anyContains(data, token)).isFalse();
            String denied = run(url + "#main:app");
            api.awaitStatus(denied, "Failed");
        }
    }

    @Test
    void tarballUrlsAreRetriedOn5xxAndFailOn4xx() throws Exception {
        byte[] tar = RunsClient.tarGz(Map.of("acb.yaml", TASK, "sub/file.txt", "x"));
        AtomicInteger hits = new AtomicInteger();
        AtomicInteger missingHits = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/ctx.tar.gz", ex -> {
            try (ex) {
                if (hits.incrementAndGet() < 3) {
                    ex.sendResponseHeaders(503, -1);
                } else {
                    ex.sendResponseHeaders(200, tar.length);
                    ex.getResponseBody().write(tar);
                }
            }
        });
        http.createContext("/missing.tar.gz", ex -> {
            try (ex) {
                missingHits.incrementAndGet();
                ex.sendResponseHeaders(404, -1);
            }
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            String id = run(base + "/ctx.tar.gz");
            api.awaitStatus(id, "Succeeded");
            assertThat(hits).hasValue(3);
            assertThat(executor.workspaceFiles.get(id)).contains("acb.yaml", "sub/file.txt");
            assertThat(cmd(id)).isEqualTo("echo commit= branch=");
            String missing = run(base + "/missing.tar.gz");
            assertThat(api.awaitStatus(missing, "Failed").get("runErrorMessage").asText()).contains("404");
            assertThat(missingHits).hasValue(1);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void ociArtifactsFromTheOwnRegistry() throws Exception {
        TestClient registry = new TestClient(server.baseUri()).withAuthorization(api.authorization());
        byte[] task = TASK.getBytes(StandardCharsets.UTF_8);
        byte[] dir = RunsClient.tarGz(Map.of("conf/a.txt", "a"));
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        Digest t = registry.putBlob("ctx/art", task);
        Digest d = registry.putBlob("ctx/art", dir);
        Digest e = registry.putBlob("ctx/art", empty);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + TestClient.OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.slipway.context\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + e + "\",\"size\":2},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + t + "\",\"size\":" + task.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"acb.yaml\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + d + "\",\"size\":" + dir.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"conf\",\"io.deis.oras.content.unpack\":\"true\"}}]}";
        TestClient.expect(registry.putManifest("ctx/art", "v1", manifest.getBytes(StandardCharsets.UTF_8)), 201);
        String id = run("oci://" + api.registry() + "/ctx/art:v1");
        api.awaitStatus(id, "Succeeded");
        assertThat(executor.workspaceFiles.get(id)).contains("acb.yaml", "conf/a.txt");
        String missing = run("oci://" + api.registry() + "/ctx/art:nope");
        assertThat(api.awaitStatus(missing, "Failed").get("runErrorMessage").asText()).contains("404");
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun", "sourceLocation", "ftp://x/y", "cmd", "true")).statusCode())
                .isEqualTo(400);
    }
}
