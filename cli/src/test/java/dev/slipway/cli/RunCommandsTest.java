package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slipway build / run / task …-run against a real server whose runs execute on a fake executor. */
class RunCommandsTest {
    static TestRegistry registry;
    static CliRunner cli;
    static FakeExecutor executor = new FakeExecutor();

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path root) throws Exception {
        registry = TestRegistry.start(data, executor);
        cli = new CliRunner(root);
        cli.login(registry);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String queuedId(CliRunner.Result r, String noun) {
        String line = r.err().lines().filter(l -> l.startsWith("Queued a " + noun + " with ID: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'Queued a " + noun + "' line: " + r));
        return line.substring(("Queued a " + noun + " with ID: ").length());
    }

    @Test
    void buildPacksTheDirectoryHonouringDockerignoreAndFollowsTheLog(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY . /app\n");
        Files.writeString(dir.resolve("app.txt"), "hello");
        Files.writeString(dir.resolve("secret.env"), "X=1");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/a.log"), "a");
        Files.writeString(dir.resolve("logs/keep.txt"), "k");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "[core]");
        Files.writeString(dir.resolve(".dockerignore"), "# comment\n*.env\nlogs\n!logs/keep.txt\nDockerfile\n");

        CliRunner.Result r = cli.run("build", "-t", "hello:{{.Run.ID}}", "--build-arg", "A=1", "--secret-build-arg", "S=hush",
                dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        String id = queuedId(r, "build");
        assertThat(r.err()).contains("Waiting for an agent...");
        assertThat(r.out()).contains("Executing step ID: build").contains("docker build -t hello:" + id)
                .doesNotContain("hush").contains("S=*****")
                .containsPattern("Run ID: " + id + " was successful after \\d+s\n$");
        assertThat(executor.files.get(id)).containsExactly(".dockerignore", "Dockerfile", "app.txt", "logs/keep.txt");
        var steps = executor.requests.get(id).task().spec().steps();
        assertThat(((BuildStep) steps.get(0)).build()).isEqualTo("-t hello:" + id + " -f Dockerfile --build-arg A=1 --build-arg S=hush .");
        assertThat(((PushStep) steps.get(1)).images()).containsExactly("hello:" + id);
    }

    @Test
    void buildWithoutImagesWarnsAndDoesNotPush(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
        CliRunner.Result r = cli.run("build", dir.toString(), "--no-cache");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Skipping image push after build");
        var steps = executor.requests.get(queuedId(r, "build")).task().spec().steps();
        assertThat(steps).hasSize(1);
        assertThat(((BuildStep) steps.getFirst()).build()).isEqualTo("-f Dockerfile --no-cache .");
    }

    @Test
    void aFailingRunExitsNonZero() {
        CliRunner.Result r = cli.run("run", "--cmd", "fail now", "/dev/null");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        String id = queuedId(r, "run");
        assertThat(r.out()).contains("Run ID: " + id + " failed after").contains("Error: failed to run step ID: acb_step_0: exit status 1");
        assertThat(r.err()).contains("error: Run failed");
        assertThat(cli.ok("task", "show-run", "--run-id", id).json().path("status").asText()).isEqualTo("Failed");
    }

    @Test
    void runATaskFileWithValuesAndMaskedSecretsWithoutAContext(@TempDir Path dir) throws Exception {
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, "version: v1.1.0\nsteps:\n  - id: hi\n    cmd: echo {{.Values.who}} {{.Values.pw}} {{.Run.ID}}\n");
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, "who: world\n");
        CliRunner.Result r = cli.run("run", "-f", task.toString(), "--values", values.toString(), "--set-secret", "pw=letmein",
                "/dev/null");
        assertThat(r.code()).as(r.toString()).isZero();
        String id = queuedId(r, "run");
        assertThat(r.out()).contains("hi | world ***** " + id).doesNotContain("letmein");
    }

    @Test
    void runTheTaskFileOfAnUploadedContext(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acb.yaml"), "steps:\n  - cmd: echo {{.Values.x}}\n");
        CliRunner.Result r = cli.run("run", "--set", "x=from-context", dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("| from-context");
        assertThat(executor.files.get(queuedId(r, "run"))).containsExactly("acb.yaml");
    }

    @Test
    void runWithTaskFileFromStdin() {
        CliRunner.Result r = cli.runWithStdin("steps:\n  - cmd: echo piped\n", "run", "-f", "-", "/dev/null");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("| piped");
        assertThat(cli.run("run", "--cmd", "x", "-f", "a.yaml", "/dev/null").code()).isEqualTo(2);
    }

    @Test
    void timeoutAndCancelHaveTheirOwnMessages() throws Exception {
        CliRunner.Result timedOut = cli.run("run", "--cmd", "sleep 20000", "--timeout", "1", "/dev/null");
        assertThat(timedOut.code()).as(timedOut.toString()).isEqualTo(1);
        assertThat(timedOut.err()).contains("error: Run timed out");

        CliRunner.Result queued = cli.run("run", "--cmd", "sleep 20000", "--no-wait", "/dev/null");
        assertThat(queued.code()).as(queued.toString()).isZero();
        String id = queuedId(queued, "run");
        assertThat(queued.json().path("runId").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.requests.containsKey(id));
        assertThat(cli.run("task", "cancel-run", "--run-id", id).code()).isZero();
        CliRunner.Result logs = cli.run("task", "logs", "--run-id", id);
        assertThat(logs.code()).as(logs.toString()).isEqualTo(1);
        assertThat(logs.err()).contains("error: Run was canceled");
        assertThat(logs.out()).contains("Run ID: " + id + " was canceled after");
    }

    @Test
    void listRunsInAcrsTableAndTheLastRunsLogs() throws Exception {
        CliRunner.Result r = cli.run("run", "--cmd", "echo listed", "--no-logs", "/dev/null", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        String id = queuedId(r, "run");
        assertThat(r.json().path("status").asText()).isEqualTo("Succeeded");

        List<String> table = cli.ok("task", "list-runs", "--top", "3", "-o", "table").out().lines().toList();
        assertThat(table.get(0)).matches("RUN ID +TASK +PLATFORM +STATUS +TRIGGER +STARTED +DURATION");
        assertThat(table.get(1)).matches("[- ]+");
        assertThat(table).hasSizeLessThanOrEqualTo(5);
        assertThat(table.get(2)).matches(id + " +Linux +Succeeded +Manual +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d\\d:\\d\\d:\\d\\d");

        JsonNode succeeded = cli.ok("task", "list-runs", "--run-status", "Succeeded", "--top", "100").json();
        assertThat(succeeded).isNotEmpty().allMatch(n -> n.path("status").asText().equals("Succeeded"));
        assertThat(cli.ok("task", "list-runs", "-n", "no-such-task").json()).isEmpty();

        CliRunner.Result last = cli.run("task", "logs");
        assertThat(last.code()).as(last.toString()).isZero();
        assertThat(last.err()).contains("Showing logs of the last created run.").contains("Run ID: " + id);
        assertThat(last.out()).contains("| listed").contains("Run ID: " + id + " was successful");

        JsonNode archived = cli.ok("task", "update-run", "--run-id", id, "--no-archive", "false").json();
        assertThat(archived.path("isArchiveEnabled").asBoolean()).isTrue();
        assertThat(cli.ok("task", "update-run", "--run-id", id, "--no-archive", "true").json().path("isArchiveEnabled").asBoolean())
                .isFalse();
        assertThat(cli.run("task", "show-run", "--run-id", "zz99").err()).contains("run zz99 does not exist");
    }

    @Test
    void aCmdTaskIsAcbsGeneratedOne() {
        CliRunner.Result r = cli.run("run", "--cmd", "echo hi", "--timeout", "300", "/dev/null");
        assertThat(r.code()).as(r.toString()).isZero();
        CmdStep step = (CmdStep) executor.requests.get(queuedId(r, "run")).task().spec().steps().getFirst();
        assertThat(step.cmd()).isEqualTo("echo hi");
        assertThat(step.properties().disableWorkingDirectoryOverride()).isTrue();
        assertThat(step.properties().timeout()).isEqualTo(300);
    }
}
