package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
    static TestRegistry registry;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        registry = TestRegistry.start(data);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void loginWritesTheCliConfigOwnerOnlyAndDockersCredentialKeepingTheRest(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        Files.createDirectories(cli.dockerDir);
        Files.writeString(cli.dockerDir.resolve("config.json"),
                "{\"auths\":{\"other.example:5000\":{\"auth\":\"eDp5\"}},\"psFormat\":\"table {{.ID}}\"}");

        CliRunner.Result r = cli.login(registry);

        assertThat(r.out()).isEqualTo("Login Succeeded\n");
        assertThat(r.err()).isEmpty();
        Path config = cli.configDir.resolve("config.json");
        assertThat(Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        var c = cli.cliConfig();
        assertThat(c.path("defaultRegistry").asText()).isEqualTo(registry.hostPort());
        var entry = c.path("registries").path(registry.hostPort());
        assertThat(entry.path("url").asText()).isEqualTo("http://" + registry.hostPort());
        assertThat(entry.path("username").asText()).isEqualTo("admin");
        assertThat(entry.path("password").asText()).isEqualTo(registry.adminPassword);

        var docker = cli.dockerConfig();
        String auth = docker.path("auths").path(registry.hostPort()).path("auth").asText();
        assertThat(new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8)).isEqualTo("admin:" + registry.adminPassword);
        assertThat(docker.path("auths").path("other.example:5000").path("auth").asText()).isEqualTo("eDp5");
        assertThat(docker.path("psFormat").asText()).isEqualTo("table {{.ID}}");
        assertThat(Files.getPosixFilePermissions(cli.dockerDir.resolve("config.json")))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

        assertThat(cli.ok("show").json().path("loginServer").asText()).isEqualTo(registry.hostPort());
    }

    @Test
    void passwordOnTheCommandLineWorksWithAWarning(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        CliRunner.Result r = cli.run("login", registry.hostPort(), "-u", "admin", "-p", registry.adminPassword2);
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("--password-stdin");
        assertThat(cli.cliConfig().path("registries").path(registry.hostPort()).path("password").asText())
                .isEqualTo(registry.adminPassword2);
    }

    @Test
    void wrongPasswordFailsInOneLineAndStoresNothing(@TempDir Path root) {
        CliRunner cli = new CliRunner(root);
        CliRunner.Result r = cli.runWithStdin("wrong\n", "login", registry.hostPort(), "-u", "admin", "--password-stdin");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: login to " + registry.hostPort()
                + " failed: wrong username or password, or the token is disabled\n");
        assertThat(cli.configDir.resolve("config.json")).doesNotExist();
        assertThat(cli.dockerDir.resolve("config.json")).doesNotExist();
    }

    @Test
    void unreachableRegistryIsAOneLineError(@TempDir Path root) {
        CliRunner.Result r = new CliRunner(root).runWithStdin("pw", "login", "127.0.0.1:1", "-u", "admin", "--password-stdin");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot reach 127.0.0.1:1").doesNotContain("\n\n").hasLineCount(1);
    }

    @Test
    void aCaFileForAPlainHttpRegistryIsNotStored(@TempDir Path root) throws Exception {
        dev.slipway.server.tls.KeyStores.load(new dev.slipway.server.tls.TlsSource.SelfSigned(), root);
        CliRunner cli = new CliRunner(root);
        CliRunner.Result r = cli.runWithStdin(registry.adminPassword, "login", registry.hostPort(), "-u", "admin", "--password-stdin",
                "--ca-file", root.resolve("tls/self-signed.crt").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("warning: " + registry.hostPort() + " answers plain http; --ca-file is not used\n");
        assertThat(cli.cliConfig().path("registries").path(registry.hostPort()).has("caFile")).isFalse();
    }

    @Test
    void badUsageExitsWithTwo(@TempDir Path root) {
        CliRunner cli = new CliRunner(root);
        CliRunner.Result both = cli.runWithStdin("pw", "login", registry.hostPort(), "-u", "admin", "-p", "x", "--password-stdin");
        both.usageError("error: ");
        CliRunner.Result neither = cli.run("login", registry.hostPort(), "-u", "admin");
        neither.usageError("error: Missing required argument");
        CliRunner.Result noUser = cli.run("login", registry.hostPort(), "-p", "x");
        assertThat(noUser.code()).isEqualTo(2);
        CliRunner.Result badHost = cli.run("login", "http://host:5000/path", "-u", "admin", "-p", "x");
        badHost.usageError("error: invalid registry address 'http://host:5000/path': expected HOST[:PORT]");
        assertThat(badHost.err()).hasLineCount(1);
        assertThat(cli.run("login", "", "-u", "admin", "-p", "x").code()).isEqualTo(2);
    }

    @Test
    void commandsWithoutALoginSayToLogInFirst(@TempDir Path root) {
        CliRunner cli = new CliRunner(root);
        CliRunner.Result r = cli.run("token", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: no registry selected: run 'slipway login HOST' first\n");
        CliRunner.Result named = cli.run("scope-map", "list", "-r", "elsewhere:5000");
        assertThat(named.code()).isEqualTo(1);
        assertThat(named.err()).isEqualTo("error: not logged in to elsewhere:5000: run 'slipway login elsewhere:5000' first\n");
    }

    @Test
    void registriesAreChosenByNameOrHostAndTheLastLoginIsTheDefault(@TempDir Path root, @TempDir Path otherData) throws Exception {
        CliRunner cli = new CliRunner(root);
        try (TestRegistry other = TestRegistry.start(otherData)) {
            cli.runWithStdin(registry.adminPassword, "login", registry.hostPort(), "-u", "admin", "--password-stdin", "--name", "prod");
            CliRunner.Result second = cli.runWithStdin(other.adminPassword, "login", "127.0.0.1:" + other.server.port(), "-u", "admin",
                    "--password-stdin");
            assertThat(second.code()).as(second.toString()).isZero();

            assertThat(cli.ok("show").json().path("loginServer").asText()).isEqualTo("127.0.0.1:" + other.server.port());
            assertThat(cli.ok("show", "-r", "prod").json().path("name").asText()).isEqualTo("prod");
            assertThat(cli.ok("show", "-r", registry.hostPort()).json().path("name").asText()).isEqualTo("prod");
            assertThat(cli.ok("show", "--registry", "http://" + registry.hostPort()).json().path("loginServer").asText())
                    .isEqualTo(registry.hostPort());

            // Logging out of the default falls back to the other login; docker's entry goes too.
            assertThat(cli.ok("logout").out()).isEqualTo("Removing login credentials for 127.0.0.1:" + other.server.port() + "\n");
            assertThat(cli.dockerConfig().path("auths").has("127.0.0.1:" + other.server.port())).isFalse();
            assertThat(cli.dockerConfig().path("auths").has(registry.hostPort())).isTrue();
            assertThat(cli.ok("show").json().path("name").asText()).isEqualTo("prod");
            cli.ok("logout", "prod");
            assertThat(cli.dockerConfig().path("auths").isEmpty()).isTrue();
            assertThat(cli.run("show").code()).isEqualTo(1);
            CliRunner.Result again = cli.run("logout", "prod");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).isEqualTo("error: not logged in to prod\n");
        }
    }

    @Test
    void aStalePasswordSaysToLogInAgain(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        cli.login(registry);
        String config = Files.readString(cli.configDir.resolve("config.json")).replace(registry.adminPassword, "stale");
        Files.writeString(cli.configDir.resolve("config.json"), config);
        CliRunner.Result r = cli.run("token", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: not logged in or wrong credentials for " + registry.hostPort()
                + " (run 'slipway login " + registry.hostPort() + "')\n");
    }

    @Test
    void theAdminCanStillLogInForManagementWhenDisabledForDocker(@TempDir Path root, @TempDir Path data) throws Exception {
        try (TestRegistry r = TestRegistry.start(data)) {
            CliRunner cli = new CliRunner(root);
            cli.login(r);
            cli.ok("token", "create", "-n", "keeper", "--repository", "app", "content/read");
            cli.ok("update", "--admin-enabled", "false");
            assertThat(r.get("/v2/", "admin", r.adminPassword)).isEqualTo(401);

            CliRunner fresh = new CliRunner(root.resolve("fresh"));
            CliRunner.Result login = fresh.runWithStdin(r.adminPassword, "login", r.hostPort(), "-u", "admin", "--password-stdin");
            assertThat(login.code()).as(login.toString()).isZero();
            assertThat(login.err()).contains("disabled for docker");
            assertThat(fresh.dockerDir.resolve("config.json")).doesNotExist();
            assertThat(fresh.ok("show").json().path("adminUserEnabled").asBoolean()).isFalse();
        }
    }
}
