package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.RegistryLogin;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slipway task create/update/show/list/delete/run/credential and secret set/list/delete through Main.run. */
class TaskCommandsTest {
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

    private static String queuedId(CliRunner.Result r) {
        String prefix = "Queued a run with ID: ";
        return r.err().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line: " + r)).substring(prefix.length());
    }

    @Test
    void aDockerfileMakesABuildTaskFromAnUploadedSnapshotAndRunsWithOverrides(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
        Files.writeString(dir.resolve("prod.Dockerfile"), "FROM busybox\n");
        JsonNode t = cli.ok("task", "create", "-n", "cli-build", "-c", dir.toString(), "-t", "app:{{.Run.ID}}",
                "--arg", "A=1", "--secret-arg", "S=hush", "--timeout", "1200", "--cpu", "4").json();
        assertThat(t.at("/step/type").asText()).isEqualTo("Docker");
        assertThat(t.at("/step/contextPath").asText()).startsWith("upload:sha256:");
        assertThat(t.at("/step/arguments/1/value").isNull()).isTrue();
        assertThat(t.at("/agentConfiguration/cpu").asInt()).isEqualTo(4);
        assertThat(cli.ok("task", "show", "-n", "cli-build", "--with-secure-properties").json().at("/step/arguments/1/value").asText())
                .isEqualTo("hush");

        CliRunner.Result r = cli.run("task", "run", "-n", "cli-build", "--arg", "A=2", "-f", "prod.Dockerfile");
        assertThat(r.code()).as(r.toString()).isZero();
        String id = queuedId(r);
        assertThat(r.err()).contains("Waiting for an agent...");
        assertThat(r.out()).contains("Run ID: " + id + " was successful").doesNotContain("hush");
        var steps = executor.requests.get(id).task().spec().steps();
        assertThat(((BuildStep) steps.get(0)).build()).isEqualTo("-t app:" + id + " -f prod.Dockerfile --build-arg A=2 --build-arg S=hush .");
        assertThat(((PushStep) steps.get(1)).images()).containsExactly("app:" + id);
        assertThat(executor.files.get(id)).contains("Dockerfile", "prod.Dockerfile");

        JsonNode runs = cli.ok("task", "list-runs", "-n", "cli-build").json();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("runType").asText()).isEqualTo("AutoBuild");
        CliRunner.Result logs = cli.run("task", "logs", "-n", "cli-build");
        assertThat(logs.code()).as(logs.toString()).isZero();
        assertThat(logs.err()).contains("Run ID: " + id);
    }

    @Test
    void listShowsAcrsTaskTableAndUpdateAndDeleteWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acb.yaml"), "steps:\n  - cmd: echo {{.Values.x}}\n");
        JsonNode t = cli.ok("task", "create", "-n", "cli-file", "-c", dir.toString(), "-f", "acb.yaml", "--set", "x=1",
                "--platform", "linux/arm64").json();
        assertThat(t.at("/step/type").asText()).isEqualTo("FileTask");
        cli.ok("task", "create", "-n", "cli-cmd", "--cmd", "echo hi", "--status", "Disabled");

        List<String> table = cli.ok("task", "list", "-o", "table").out().lines().toList();
        assertThat(table.get(0)).matches("NAME +PLATFORM +STATUS +SOURCE REPOSITORY +TRIGGERS");
        assertThat(table.get(0).split("  +")).containsExactly("NAME", "PLATFORM", "STATUS", "SOURCE REPOSITORY", "TRIGGERS");
        assertThat(table.get(1)).matches("[- ]+");
        assertThat(table).anyMatch(l -> l.matches("cli-cmd +Linux +Disabled +/dev/null *"));
        assertThat(table).anyMatch(l -> l.matches("cli-file +Linux +Enabled +upload:sha256:[0-9a-f]{64} *"));

        CliRunner.Result refused = cli.run("task", "run", "-n", "cli-cmd");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("task cli-cmd is disabled");

        JsonNode u = cli.ok("task", "update", "-n", "cli-cmd", "--status", "Enabled", "--cmd", "echo changed").json();
        assertThat(u.get("status").asText()).isEqualTo("Enabled");
        CliRunner.Result ran = cli.run("task", "run", "-n", "cli-cmd");
        assertThat(ran.code()).as(ran.toString()).isZero();
        assertThat(((CmdStep) executor.requests.get(queuedId(ran)).task().spec().steps().getFirst()).cmd()).isEqualTo("echo changed");

        CliRunner.Result file = cli.run("task", "run", "-n", "cli-file", "--set", "x=2");
        assertThat(file.code()).as(file.toString()).isZero();
        assertThat(file.out()).contains("| 2");

        assertThat(cli.ok("task", "update", "-n", "cli-file", "--timeout", "99").json().get("timeout").asInt()).isEqualTo(99);
        cli.ok("task", "delete", "-n", "cli-file", "--yes");
        assertThat(cli.run("task", "show", "-n", "cli-file").err()).contains("task cli-file does not exist");
        assertThat(cli.run("task", "create", "-n", "no-ctx", "-f", "Dockerfile").usageError("error: -c/--context is required"));
        assertThat(cli.run("task", "create", "-n", "both-x", "--cmd", "x", "-f", "a.yaml").code()).isEqualTo(2);
    }

    @Test
    void credentialsAndSecretsFromTheBuiltInStore() {
        cli.ok("task", "create", "-n", "cli-creds", "--cmd", "echo {{.Run.ID}}");
        CliRunner.Result set = cli.runWithStdin("vault-pa55\n", "secret", "set", "-n", "reg-pw", "--value-stdin");
        assertThat(set.code()).as(set.toString()).isZero();
        cli.ok("secret", "set", "-n", "other", "--value", "x");
        List<String> secrets = cli.ok("secret", "list", "-o", "table").out().lines().toList();
        assertThat(secrets.get(0)).matches("NAME +CREATED +UPDATED");
        assertThat(String.join("\n", secrets)).contains("reg-pw").doesNotContain("vault-pa55");

        cli.ok("task", "credential", "add", "-n", "cli-creds", "--login-server", "other.example.com", "-u", "bob",
                "-p", "https://v.vault.azure.net/secrets/reg-pw");
        CliRunner.Result dup = cli.run("task", "credential", "add", "-n", "cli-creds", "--login-server", "other.example.com",
                "-u", "x", "-p", "y");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("Login server 'other.example.com' already exists");
        assertThat(cli.run("task", "credential", "update", "-n", "cli-creds", "--login-server", "nope.example.com", "-p", "y").code())
                .isEqualTo(1);
        JsonNode list = cli.ok("task", "credential", "list", "-n", "cli-creds").json();
        assertThat(list.at("/other.example.com/username").asText()).isEqualTo("bob");
        assertThat(list.at("/other.example.com/password").asText()).isEqualTo("******");

        CliRunner.Result r = cli.run("task", "run", "-n", "cli-creds");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(executor.requests.get(queuedId(r)).logins())
                .contains(RegistryLogin.password("other.example.com", "bob", "vault-pa55"));
        assertThat(executor.requests.get(queuedId(r)).masked()).contains("vault-pa55");

        cli.ok("task", "credential", "remove", "-n", "cli-creds", "--login-server", "other.example.com");
        assertThat(cli.ok("task", "credential", "list", "-n", "cli-creds").json()).isEmpty();
        cli.ok("secret", "delete", "-n", "other", "--yes");
        assertThat(cli.run("secret", "delete", "-n", "other", "--yes").err()).contains("secret other does not exist");
        assertThat(cli.run("secret", "set", "-n", "x").usageError("error: give the value"));
    }
}
