package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks end to end: the built jar serves with auth on, its own CLI queues quick builds and runs, the steps run on the
 * real Docker engine, and the results are checked with docker itself. The base image is built here from
 * busybox-static and pushed to the server under test (there is no Docker Hub).
 */
class TasksIT {
    private static final Pattern QUEUED = Pattern.compile("Queued a (?:build|run) with ID: (\\w+)");

    @TempDir
    static Path shared;
    private static ServerProcess server;
    private static Map<String, String> env;
    private static String registry;
    private static String base;
    private static final List<String> IMAGES = new ArrayList<>();

    @TempDir
    Path work;
    private final String run = String.format("%08x", ThreadLocalRandom.current().nextInt());

    @BeforeAll
    static void startServerAndPushBase() throws Exception {
        server = ServerProcess.start(shared.resolve("server"));
        registry = server.hostPort();
        env = new HashMap<>();
        env.put("SLIPWAY_CONFIG_DIR", shared.resolve("slipway-config").toString());
        env.put("DOCKER_CONFIG", Files.createDirectories(shared.resolve("docker-config")).toString());
        env.put("DOCKER_BUILDKIT", "0");
        env.put("HOME", Files.createDirectories(shared.resolve("home")).toString());
        cli(shared, server.adminPassword(), 0, "login", registry, "-u", "admin", "--password-stdin");

        Path ctx = Files.createDirectories(shared.resolve("base"));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                """);
        base = registry + "/base/busybox:1";
        IMAGES.add(base);
        tool(ctx, Tools.DOCKER, "build", "--network", "none", "-t", base, ".");
        tool(ctx, Tools.DOCKER, "push", base);
    }

    @AfterAll
    static void stop() throws Exception {
        for (String image : IMAGES) {
            Tools.run(shared, Tools.DOCKER, "rmi", "-f", image);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void quickBuildFromALocalFolderPushesAnImageThatRuns() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("app"));
        Files.writeString(ctx.resolve("hello.txt"), "hello from a slipway build " + run + "\n");
        Files.writeString(ctx.resolve("private.txt"), "must not be uploaded\n");
        Files.writeString(ctx.resolve(".dockerignore"), "private.txt\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nCOPY . /ctx/\nCMD [\"cat\", \"/ctx/hello.txt\"]\n");

        Cli built = cli(ctx, null, 0, "build", "-r", registry, "-t", "its/" + run + "/hello:{{.Run.ID}}", ".");
        String id = runId(built);
        assertThat(built.out()).contains("Waiting for an agent...").contains("Run ID: " + id + " was successful after");

        String image = registry + "/its/" + run + "/hello:" + id;
        IMAGES.add(image);
        tool(work, Tools.DOCKER, "pull", image);
        assertThat(tool(work, Tools.DOCKER, "run", "--rm", "--network", "none", image).lastLine())
                .isEqualTo("hello from a slipway build " + run);
        assertThat(Tools.run(work, Tools.DOCKER, "run", "--rm", "--network", "none", image, "ls", "/ctx").output())
                .as(".dockerignore keeps private.txt out of the uploaded context").doesNotContain("private.txt");

        String table = cli(work, null, 0, "task", "list-runs", "-r", registry, "-o", "table").out();
        assertThat(table.lines().findFirst().orElse("")).matches("RUN ID +TASK +PLATFORM +STATUS +TRIGGER +STARTED +DURATION");
        assertThat(table).containsPattern("(?m)^" + id + " +Linux +Succeeded +Manual +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void multiStepFileBuildsInParallelTestsAndPushes() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("multi"));
        Files.writeString(ctx.resolve("a.Dockerfile"), "FROM " + base + "\nRUN echo built-a > /which\n");
        Files.writeString(ctx.resolve("b.Dockerfile"), "FROM " + base + "\nRUN echo built-b > /which\n");
        Files.writeString(ctx.resolve("acb.yaml"), """
                version: v1.1.0
                steps:
                  - id: build-a
                    build: -t $Registry/its/%1$s/a:$ID -f a.Dockerfile .
                    when: ["-"]
                  - id: build-b
                    build: -t $Registry/its/%1$s/b:$ID -f b.Dockerfile .
                    when: ["-"]
                  - id: test
                    cmd: $Registry/its/%1$s/a:$ID cat /which
                    when: [build-a, build-b]
                  - id: push
                    push: ["$Registry/its/%1$s/a:$ID", "$Registry/its/%1$s/b:$ID"]
                """.formatted(run));

        Cli ran = cli(ctx, null, 0, "run", "-r", registry, "-f", "acb.yaml", ".");
        String id = runId(ran);
        assertThat(ran.out()).contains("built-a").contains("Step ID: push marked as successful");
        for (String name : List.of("a", "b")) {
            String image = registry + "/its/" + run + "/" + name + ":" + id;
            IMAGES.add(image);
            tool(work, Tools.DOCKER, "pull", image);
        }
        assertThat(cli(work, null, 0, "task", "show-run", "-r", registry, "--run-id", id, "--query", "status", "-o", "tsv").out().trim())
                .isEqualTo("Succeeded");
    }

    @Test
    void aFailingStepStopsTheRunAndItsDependantsAndTheCliFails() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("failing"));
        Files.writeString(ctx.resolve("acb.yaml"), """
                steps:
                  - id: fails
                    cmd: %1$s sh -c 'echo about-to-fail; exit 3'
                  - id: never
                    cmd: %1$s echo this-must-not-run
                """.formatted(base));

        Cli ran = cli(ctx, null, -1, "run", "-r", registry, "-f", "acb.yaml", ".");
        assertThat(ran.code()).isNotZero();
        String id = runId(ran);
        assertThat(ran.out()).contains("about-to-fail").doesNotContain("this-must-not-run").contains("Run failed");
        // Like az acr task logs, showing a failed run's log ends with the failure (and a non-zero exit).
        Cli logs = cli(work, null, -1, "task", "logs", "-r", registry, "--run-id", id);
        assertThat(logs.code()).isNotZero();
        assertThat(logs.out()).contains("failed to run step ID: fails: exit status 3").doesNotContain("this-must-not-run");
        assertThat(cli(work, null, 0, "task", "show-run", "-r", registry, "--run-id", id, "--query", "status", "-o", "tsv").out().trim())
                .isEqualTo("Failed");
    }

    @Test
    void cancelRunStopsARunningStepAndRemovesItsContainer() throws Exception {
        Cli queued = cli(work, null, 0, "run", "-r", registry, "--no-wait", "--cmd", base + " sh -c 'echo started; sleep 300'",
                "/dev/null");
        String id = runId(queued);
        String container = id + "-acb_step_0";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                Tools.run(work, Tools.DOCKER, "ps", "-q", "--filter", "name=" + container).output().strip().length() > 0);
        cli(work, null, 0, "task", "cancel-run", "-r", registry, "--run-id", id);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                cli(work, null, 0, "task", "show-run", "-r", registry, "--run-id", id, "--query", "status", "-o", "tsv")
                        .out().trim().equals("Canceled"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                Tools.run(work, Tools.DOCKER, "ps", "-aq", "--filter", "name=" + container).output().isBlank());
        Cli logs = cli(work, null, -1, "task", "logs", "-r", registry, "--run-id", id);
        assertThat(logs.out()).contains("started").contains("Run ID: " + id);
    }

    @Test
    void aStepPastItsTimeoutIsKilledAndFailsTheRun() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("timeout"));
        Files.writeString(ctx.resolve("acb.yaml"), """
                steps:
                  - id: slow
                    cmd: %s sh -c 'echo sleeping; sleep 120'
                    timeout: 3
                """.formatted(base));
        long start = System.nanoTime();
        Cli ran = cli(ctx, null, -1, "run", "-r", registry, "-f", "acb.yaml", ".");
        assertThat(ran.code()).isNotZero();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(60));
        String id = runId(ran);
        assertThat(ran.out()).contains("sleeping").contains("Step ID: slow marked as failed").contains("Run failed");
        assertThat(cli(work, null, 0, "task", "show-run", "-r", registry, "--run-id", id, "--query", "runErrorMessage", "-o", "tsv").out())
                .contains("failed to run step ID: slow").contains("timed out");
        assertThat(Tools.run(work, Tools.DOCKER, "ps", "-aq", "--filter", "name=" + id + "-slow").output()).isBlank();
    }

    @Test
    void secretValuesAreMaskedInTheStoredLog() throws Exception {
        String secret = "s3cr3t-" + run;
        Cli ran = cli(work, null, 0, "run", "-r", registry, "--set-secret", "pw=" + secret,
                "--cmd", base + " echo the secret is {{.Values.pw}}", "/dev/null");
        String id = runId(ran);
        String log = cli(work, null, 0, "task", "logs", "-r", registry, "--run-id", id).out();
        assertThat(log).contains("the secret is *****").doesNotContain(secret);
        assertThat(ran.out()).doesNotContain(secret);
    }

    @Test
    void aNamedTaskFromALocalFolderResolvesAKeyVaultSecretFromTheBuiltInStore() throws Exception {
        String secret = "v4ult-" + run;
        String secretName = "its-pw-" + run;
        cli(work, null, 0, "secret", "set", "-r", registry, "-n", secretName, "--value", secret);
        Path ctx = Files.createDirectories(work.resolve("named"));
        Files.writeString(ctx.resolve("acb.yaml"), """
                version: v1.1.0
                secrets:
                  - id: pw
                    keyvault: https://myvault.vault.azure.net/secrets/%s
                steps:
                  - cmd: %s echo the task secret is {{.Secrets.pw}} in {{.Run.TaskName}}
                """.formatted(secretName, base));
        String task = "its-" + run;
        cli(work, null, 0, "task", "create", "-r", registry, "-n", task, "-c", ctx.toString(), "-f", "acb.yaml");

        Cli ran = cli(work, null, 0, "task", "run", "-r", registry, "-n", task);
        String id = runId(ran);
        assertThat(ran.out()).contains("Waiting for an agent...").contains("the task secret is ").contains("in " + task)
                .contains("Run ID: " + id + " was successful after").doesNotContain(secret);
        assertThat(cli(work, null, 0, "task", "list-runs", "-r", registry, "-n", task, "--query", "[0].[runId,status]", "-o", "tsv")
                .out().trim()).isEqualTo(id + "\nSucceeded");
        String log = cli(work, null, 0, "task", "logs", "-r", registry, "-n", task).out();
        assertThat(log).contains("the task secret is *").contains("Run ID: " + id).doesNotContain(secret);
    }

    @Test
    void runFromAGitRepositorysSubfolderRecordsTheCommitAndDockerCliStepsPush() throws Exception {
        Path repo = Files.createDirectories(work.resolve("git-work"));
        Path bare = work.resolve("git-bare.git");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM " + base + "\nCOPY msg /msg\n");
        Files.writeString(repo.resolve("app/msg"), "hello from git\n");
        Files.writeString(repo.resolve("app/acb.yaml"), """
                steps:
                  - id: build
                    build: -t {{.Run.Registry}}/its/%1$s/git:{{.Run.ID}} .
                  - id: show
                    cmd: {{.Run.Registry}}/its/%1$s/git:{{.Run.ID}} sh -c "cat /msg; echo commit={{.Run.Commit}} branch={{.Run.Branch}}"
                  - id: images
                    cmd: docker images --format '{{"{{"}}.Repository{{"}}"}}:{{"{{"}}.Tag{{"}}"}}'
                  - id: retag
                    cmd: docker tag {{.Run.Registry}}/its/%1$s/git:{{.Run.ID}} {{.Run.Registry}}/its/%1$s/git:copy && docker push {{.Run.Registry}}/its/%1$s/git:copy
                """.formatted(run));
        Files.writeString(repo.resolve("README.md"), "root\n");
        tool(repo, "git", "init", "-q", "-b", "main");
        tool(repo, "git", "add", ".");
        tool(repo, "git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "c1");
        tool(work, "git", "clone", "-q", "--bare", repo.toString(), bare.toString());
        String commit = tool(repo, "git", "rev-parse", "HEAD").output().trim();

        Cli ran = cli(work, null, 0, "run", "-r", registry, "-f", "acb.yaml", "file://" + bare + "#main:app");
        String id = runId(ran);
        IMAGES.add(registry + "/its/" + run + "/git:" + id);
        IMAGES.add(registry + "/its/" + run + "/git:copy");
        assertThat(ran.out()).contains("Cloning file://" + bare + " at main").contains("hello from git")
                .contains("commit=" + commit + " branch=main")
                .contains("images | " + registry + "/its/" + run + "/git:" + id)
                .containsPattern("retag \\| copy: digest: sha256:[0-9a-f]{64}");
        assertThat(ran.out()).containsPattern("\"git-head-revision\"\\s*:\\s*\"" + commit + "\"");
        tool(work, Tools.DOCKER, "pull", registry + "/its/" + run + "/git:copy");

        // az acr build takes the same remote contexts: the server clones, the CLI uploads nothing.
        Cli built = cli(work, null, 0, "build", "-r", registry, "-t", "its/" + run + "/fromgit:{{.Run.ID}}", "file://" + bare + "#main:app");
        String buildId = runId(built);
        IMAGES.add(registry + "/its/" + run + "/fromgit:" + buildId);
        assertThat(built.out()).doesNotContain("Uploading").contains("Run ID: " + buildId + " was successful after");
        tool(work, Tools.DOCKER, "pull", registry + "/its/" + run + "/fromgit:" + buildId);

        // A named task from the repository's acb.yaml: each run clones the ref again.
        String task = "git-" + run;
        cli(work, null, 0, "task", "create", "-r", registry, "-n", task, "-c", "file://" + bare + "#main:app", "-f", "acb.yaml");
        Cli taskRun = cli(work, null, 0, "task", "run", "-r", registry, "-n", task);
        String taskRunId = runId(taskRun);
        IMAGES.add(registry + "/its/" + run + "/git:" + taskRunId);
        assertThat(taskRun.out()).contains("commit=" + commit + " branch=main");
        String table = cli(work, null, 0, "task", "list-runs", "-r", registry, "-n", task, "-o", "table").out();
        assertThat(table).containsPattern("(?m)^" + taskRunId + " +" + task + " +Linux +Succeeded +Manual ");
    }

    private static String runId(Cli result) {
        Matcher m = QUEUED.matcher(result.out());
        assertThat(m.find()).as("run id in\n%s", result.out()).isTrue();
        return m.group(1);
    }

    private static Tools.Result tool(Path dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(command));
        return Tools.run(dir, cmd).ok();
    }

    record Cli(int code, String out) { }

    /** Runs the CLI from the built jar; {@code expect} = the exit code to insist on, or -1 for any. */
    private static Cli cli(Path dir, String stdin, int expect, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServerProcess.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("slipway " + String.join(" ", args) + " did not finish\n" + server.logTail(50));
        }
        Cli result = new Cli(p.exitValue(), out.get(30, TimeUnit.SECONDS));
        if (expect >= 0) {
            assertThat(result.code()).as("slipway %s\n%s\nserver log:\n%s", String.join(" ", args), result.out(),
                    server.logTail(40)).isEqualTo(expect);
        }
        return result;
    }
}
