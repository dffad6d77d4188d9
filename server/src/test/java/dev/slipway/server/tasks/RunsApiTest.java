package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run API on a real server (port 0) whose runs execute on a scripted executor. */
class RunsApiTest {
    static SlipwayServer server;
    static ScriptedExecutor executor = new ScriptedExecutor();
    static RunsClient api;
    static Path data;

    @BeforeAll
    static void start(@TempDir(factory = TestDirs.InMemory.class) Path dir) throws Exception {
        data = dir;
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), executor);
        api = new RunsClient(server, dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void quickBuildGeneratesAcbsBuildAndPushSteps() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM busybox\n", "src/app.txt", "hi")));
        assertThat(source).matches("upload:sha256:[0-9a-f]{64}");
        JsonNode run = api.create(Map.of("runType", "QuickBuild", "sourceLocation", source,
                "imageNames", List.of("hello:{{.Run.ID}}", "team/hello:latest"),
                "arguments", List.of(Map.of("name", "A", "value", "1 2"), Map.of("name", "TOKEN", "value", "t0psecret", "isSecret", true)),
                "target", "final", "noCache", true, "timeout", 900));
        String id = run.get("runId").asText();
        assertThat(run.get("status").asText()).isIn("Queued", "Running");
        assertThat(run.get("runType").asText()).isEqualTo("QuickBuild");
        assertThat(run.get("trigger").asText()).isEqualTo("Manual");
        assertThat(run.get("task").isNull()).isTrue();
        JsonNode done = api.awaitStatus(id, "Succeeded");

        RunRequest req = executor.request(id);
        assertThat(req.registry()).isEqualTo(api.registry());
        assertThat(req.timeout()).hasSeconds(900);
        var steps = req.task().spec().steps();
        assertThat(steps).hasSize(2);
        BuildStep build = (BuildStep) steps.get(0);
        assertThat(build.id()).isEqualTo("build");
        assertThat(build.build()).isEqualTo("-t hello:" + id + " -t team/hello:latest -f Dockerfile --build-arg 'A=1 2'"
                + " --build-arg TOKEN=t0psecret --target final --no-cache .");
        assertThat(build.properties().timeout()).isEqualTo(28800);
        PushStep push = (PushStep) steps.get(1);
        assertThat(push.images()).containsExactly("hello:" + id, "team/hello:latest");
        assertThat(push.properties().timeout()).isEqualTo(3600);
        assertThat(push.properties().when()).containsExactly("build");
        assertThat(req.masked()).contains("t0psecret");
        assertThat(executor.workspaceFiles.get(id)).contains("Dockerfile", "src/app.txt");
        assertThat(Files.exists(data.resolve("runs").resolve(id))).as("workspace deleted after the run").isFalse();

        // Output images are recorded like ACR's.
        assertThat(done.get("outputImages")).hasSize(2);
        assertThat(done.get("outputImages").get(0).get("repository").asText()).isEqualTo("hello");
        assertThat(done.get("outputImages").get(0).get("tag").asText()).isEqualTo(id);
        assertThat(done.get("outputImages").get(0).get("digest").asText()).startsWith("sha256:");
        assertThat(done.get("outputImages").get(0).get("registry").asText()).isEqualTo(api.registry());
        assertThat(api.log(id, "")).matches("(?s).*\nRun ID: " + id + " was successful after \\d+s\n");
    }

    @Test
    void theRunTokenMayPullTheImagesCmdStepsRunFromThisRegistry() throws Exception {
        String id = api.create(Map.of("runType", "QuickRun", "cmd", api.registry() + "/tools/runner:2 echo hi", "sourceLocation", "/dev/null"))
                .get("runId").asText();
        api.awaitStatus(id, "Succeeded");
        String token = executor.request(id).logins().getFirst().registryToken();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> pull = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/tools/runner/manifests/2"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pull.statusCode()).as("allowed (the repository does not exist): %s", pull.body()).isEqualTo(404);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/tools/other/manifests/2"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isIn(401, 403);
    }

    @Test
    void theRunTokenMayPushOnlyTheRunsRepositories() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM " + api.registry() + "/base/img:1\nRUN true\n")));
        String id = api.create(Map.of("runType", "QuickBuild", "sourceLocation", source, "imageNames", List.of("tokentest/app:v1")))
                .get("runId").asText();
        api.awaitStatus(id, "Succeeded");
        RunRequest req = executor.request(id);
        assertThat(req.logins()).hasSize(1);
        assertThat(req.logins().getFirst().server()).isEqualTo(api.registry());
        String token = req.logins().getFirst().registryToken();
        assertThat(req.masked()).contains(token);
        HttpClient http = HttpClient.newHttpClient();
        // Allowed: a push session in the run's repository. Denied: any other repository.
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/tokentest/app/blobs/uploads/"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/other/app/blobs/uploads/"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isIn(401, 403);
        // Its base image may be pulled (the repository does not exist: 404, not a denial), not pushed.
        HttpResponse<String> base = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/base/img/manifests/1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(base.statusCode()).as(base.body()).isEqualTo(404);
        HttpResponse<String> basePush = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/base/img/blobs/uploads/"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basePush.statusCode()).isIn(401, 403);
        HttpResponse<String> unrelated = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/unrelated/manifests/1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unrelated.statusCode()).isIn(401, 403);
    }

    @Test
    void noPushMeansOnlyTheBuildStep() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM busybox\n")));
        String id = api.create(Map.of("runType", "QuickBuild", "sourceLocation", source, "imageNames", List.of("x:1"),
                "noPush", true, "dockerFilePath", "sub dir/Dockerfile")).get("runId").asText();
        api.awaitStatus(id, "Succeeded");
        var steps = executor.request(id).task().spec().steps();
        assertThat(steps).hasSize(1);
        assertThat(((BuildStep) steps.getFirst()).build()).isEqualTo("-t x:1 -f 'sub dir/Dockerfile' .");
    }

    @Test
    void quickRunCmdIsAcbsGeneratedTaskAndDevNullIsAnEmptyWorkspace() throws Exception {
        String id = api.create(Map.of("runType", "QuickRun", "cmd", "echo {{.Run.ID}} on {{.Run.Registry}}",
                "sourceLocation", "/dev/null", "timeout", 400)).get("runId").asText();
        api.awaitStatus(id, "Succeeded");
        RunRequest req = executor.request(id);
        CmdStep step = (CmdStep) req.task().spec().steps().getFirst();
        assertThat(step.cmd()).isEqualTo("echo " + id + " on " + api.registry());
        assertThat(step.properties().disableWorkingDirectoryOverride()).isTrue();
        assertThat(step.properties().timeout()).isEqualTo(400);
        assertThat(executor.workspaceFiles.get(id)).isEmpty();
    }

    @Test
    void quickRunFromTheContextWithValuesAndSecretsMaskedInTheEpilogue() throws Exception {
        String source = api.upload(RunsClient.tarGz(Map.of(
                "acb.yaml", "version: v1.1.0\nsteps:\n  - cmd: fail {{.Values.greeting}} {{.Values.password}}\n",
                "values.yaml", "greeting: hello\n")));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("runType", "QuickRun");
        req.put("sourceLocation", source);
        req.put("valuesFilePath", "values.yaml");
        req.put("values", List.of(Map.of("name", "password", "value", "hunter2", "isSecret", true)));
        String id = api.create(req).get("runId").asText();
        JsonNode run = api.awaitStatus(id, "Failed");
        assertThat(((CmdStep) executor.request(id).task().spec().steps().getFirst()).cmd()).isEqualTo("fail hello hunter2");
        assertThat(run.get("runErrorMessage").asText()).isEqualTo("failed during run, err: fail hello *****");
        String log = api.log(id, "");
        assertThat(log).doesNotContain("hunter2")
                .matches("(?s).*\nRun ID: " + id + " failed after \\d+s\\. Error: failed during run, err: fail hello \\*\\*\\*\\*\\*\n");
    }

    @Test
    void anInvalidTaskFailsTheRunWithTheMessageInItsLog() throws Exception {
        String task = "steps:\n  - cmd: ok\n    when: [\"nope\"]\n";
        String id = api.create(Map.of("runType", "QuickRun", "encodedTaskContent",
                Base64.getEncoder().encodeToString(task.getBytes()))).get("runId").asText();
        JsonNode run = api.awaitStatus(id, "Failed");
        assertThat(run.get("runErrorMessage").asText()).contains("nope");
        assertThat(api.log(id, "")).contains("nope").contains("Run ID: " + id + " failed after");
        assertThat(executor.requests).noneMatch(r -> r.runId().equals(id));
    }

    @Test
    void contextsThatLeaveTheWorkspaceAreRefused() throws Exception {
        for (Map<String, String> evil : List.of(Map.of("../escape.txt", "x"), Map.of("/abs.txt", "x"),
                Map.of("link", "->/etc"), Map.of("link", "->../../outside"),
                new LinkedHashMap<>(Map.of("sub/link", "->..")))) {
            String source = api.upload(RunsClient.tarGz(evil));
            String id = api.create(Map.of("runType", "QuickRun", "cmd", "ok", "sourceLocation", source)).get("runId").asText();
            JsonNode run = api.awaitStatus(id, evil.containsValue("->..") ? "Succeeded" : "Failed");
            if (!evil.containsValue("->..")) {
                assertThat(run.get("runErrorMessage").asText()).as(evil.toString()).startsWith("failed to extract the source context");
            }
        }
        assertThat(Files.exists(data.resolve("runs/escape.txt"))).isFalse();
        assertThat(Files.exists(data.resolve("escape.txt"))).isFalse();
        // Writing through a link inside the archive is refused too.
        Map<String, String> through = new LinkedHashMap<>();
        through.put("dir", "->/tmp");
        through.put("dir/planted.txt", "x");
        String id = api.create(Map.of("runType", "QuickRun", "cmd", "ok", "sourceLocation",
                api.upload(RunsClient.tarGz(through)))).get("runId").asText();
        api.awaitStatus(id, "Failed");
        assertThat(Files.exists(Path.of("/tmp/planted.txt"))).isFalse();
    }

    @Test
    void followStreamsTheLogUntilTheRunEndsAndOffsetSkipsWhatWasRead() throws Exception {
        String id = api.cmd("lines 5 100");
        String log = api.log(id, "?follow=true");
        assertThat(log.lines().toList()).contains("line 1", "line 5").last().asString().matches("Run ID: " + id + " was successful after \\d+s");
        assertThat(api.get(id).get("status").asText()).isEqualTo("Succeeded");
        int offset = log.indexOf("line 3");
        assertThat(api.log(id, "?offset=" + offset)).isEqualTo(log.substring(offset));
    }

    @Test
    void followersSeeLinesWhileTheRunIsStillRunning() throws Exception {
        String id = api.cmd("lines 3 700");
        api.awaitStatus(id, "Running");
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.baseUri().resolve("/api/runs/" + id + "/log?follow=true")).header("Authorization", api.authorization()).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()))) {
            assertThat(lines.readLine()).startsWith("2026/01/01 00:00:00 Executing run " + id);
            assertThat(lines.readLine()).isEqualTo("line 1");
            assertThat(api.get(id).get("status").asText()).as("the first line arrived before the run ended").isEqualTo("Running");
            assertThat(lines.readLine()).isEqualTo("line 2");
            assertThat(lines.readLine()).isEqualTo("line 3");
            assertThat(lines.readLine()).startsWith("Run ID: " + id + " was successful after");
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void listIsNewestFirstWithFilters() throws Exception {
        String a = api.cmd("ok");
        String b = api.cmd("fail x");
        String c = api.cmd("ok");
        api.awaitStatus(a, "Succeeded");
        api.awaitStatus(b, "Failed");
        api.awaitStatus(c, "Succeeded");
        JsonNode top2 = api.json(api.send("GET", "/api/runs?top=2", null), 200);
        assertThat(top2).hasSize(2);
        assertThat(top2.get(0).get("runId").asText()).isEqualTo(c);
        assertThat(top2.get(1).get("runId").asText()).isEqualTo(b);
        JsonNode failed = api.json(api.send("GET", "/api/runs?status=Failed&top=100", null), 200);
        assertThat(failed).allMatch(r -> r.get("status").asText().equals("Failed")).anyMatch(r -> r.get("runId").asText().equals(b));
        assertThat(api.json(api.send("GET", "/api/runs?task=nosuchtask", null), 200)).isEmpty();
        JsonNode all = api.json(api.send("GET", "/api/runs", null), 200);
        assertThat(all.size()).isLessThanOrEqualTo(15);

        String source = api.upload(RunsClient.tarGz(Map.of("Dockerfile", "FROM busybox\n")));
        String built = api.create(Map.of("runType", "QuickBuild", "sourceLocation", source, "imageNames", List.of("filtered/app:v7")))
                .get("runId").asText();
        api.awaitStatus(built, "Succeeded");
        JsonNode byImage = api.json(api.send("GET", "/api/runs?image=filtered/app:v7", null), 200);
        assertThat(byImage).hasSize(1);
        assertThat(byImage.get(0).get("runId").asText()).isEqualTo(built);
        assertThat(api.json(api.send("GET", "/api/runs?image=filtered/app@sha256:" + "ab".repeat(32), null), 200)).hasSize(1);
        assertThat(api.json(api.send("GET", "/api/runs?image=filtered/app:v8", null), 200)).isEmpty();
    }

    @Test
    void archiveFlag() throws Exception {
        String id = api.cmd("ok");
        assertThat(api.get(id).get("isArchiveEnabled").asBoolean()).isFalse();
        JsonNode r = api.json(api.send("PATCH", "/api/runs/" + id, "{\"isArchiveEnabled\":true}".getBytes()), 200);
        assertThat(r.get("isArchiveEnabled").asBoolean()).isTrue();
        assertThat(api.get(id).get("isArchiveEnabled").asBoolean()).isTrue();
    }

    @Test
    void badRequestsAndUnknownRuns() throws Exception {
        assertThat(api.post("/api/runs", Map.of()).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "Nope")).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun")).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun", "cmd", "ok", "timeout", 0)).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun", "cmd", "ok", "timeout", 28801)).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun", "cmd", "ok", "cmd2", "x", "taskFileContent", "a", "encodedTaskContent", "b"))
                .statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs", Map.of("runType", "QuickBuild", "imageNames", List.of("a"))).statusCode()).isEqualTo(400);
        HttpResponse<String> unknownContext = api.post("/api/runs", Map.of("runType", "QuickBuild",
                "sourceLocation", "upload:sha256:" + "0".repeat(64)));
        assertThat(unknownContext.statusCode()).isEqualTo(400);
        assertThat(unknownContext.body()).contains("no uploaded context");
        assertThat(api.post("/api/runs", Map.of("runType", "QuickRun", "cmd", "ok", "sourceLocation", "ftp://example.com/x"))
                .statusCode()).isEqualTo(400);
        assertThat(api.send("GET", "/api/runs/zz9", null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/runs/zz9/log", null).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/runs/zz9/cancel", null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/runs?status=Bogus", null).statusCode()).isEqualTo(400);
        assertThat(api.send("GET", "/api/runs?top=x", null).statusCode()).isEqualTo(400);
        String id = api.cmd("ok");
        api.awaitStatus(id, "Succeeded");
        assertThat(api.post("/api/runs/" + id + "/cancel", null).statusCode()).isEqualTo(409);
        assertThat(api.send("PATCH", "/api/runs/" + id, "{}".getBytes()).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/runs/contexts", new byte[0]).statusCode()).isEqualTo(400);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUri().resolve("/api/runs"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
