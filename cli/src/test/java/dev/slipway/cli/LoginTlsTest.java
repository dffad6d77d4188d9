package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry serving HTTPS with {@code --tls-self-signed}: the CLI trusts it once told the certificate. */
class LoginTlsTest {
    static TestRegistry registry;
    static Path cert;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        registry = TestRegistry.startTlsSelfSigned(data);
        cert = data.resolve("tls/self-signed.crt").toAbsolutePath();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void loginWithCaFileKeepsItForLaterCommands(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        String host = registry.hostPort();

        CliRunner.Result untrusted = cli.runWithStdin(registry.adminPassword, "login", host, "-u", "admin", "--password-stdin");
        assertThat(untrusted.code()).as(untrusted.toString()).isEqualTo(1);
        assertThat(untrusted.err()).hasLineCount(1).startsWith("error: cannot reach " + host + " at https://" + host
                + ": certificate not trusted: pass --ca-file PEM to 'slipway login " + host + "'").contains("SLIPWAY_CA_FILE");
        assertThat(cli.configDir.resolve("config.json")).doesNotExist();

        // A relative path works and is stored absolute, so later commands find it from any directory.
        Path relative = Path.of("").toAbsolutePath().relativize(cert);
        CliRunner.Result login = cli.runWithStdin(registry.adminPassword, "login", host, "-u", "admin", "--password-stdin",
                "--ca-file", relative.toString());
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.out()).isEqualTo("Login Succeeded\n");
        assertThat(login.err()).isEqualTo("docker needs the certificate too: sudo mkdir -p /etc/docker/certs.d/" + host
                + " && sudo cp " + cert + " /etc/docker/certs.d/" + host + "/ca.crt\n");
        var entry = cli.cliConfig().path("registries").path(host);
        assertThat(entry.path("url").asText()).isEqualTo("https://" + host);
        assertThat(entry.path("caFile").asText()).isEqualTo(cert.toString());

        cli.ok("token", "create", "-n", "ci-reader", "--repository", "app", "content/read");
        assertThat(cli.ok("token", "list").json().findValuesAsText("name")).contains("ci-reader");
        assertThat(cli.ok("repository", "list").json().isArray()).isTrue();
    }

    @Test
    void slipwayCaFileIsTheFallbackForEveryRegistry(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        Map<String, String> env = Map.of("SLIPWAY_CA_FILE", cert.toString());
        CliRunner.Result login = cli.runWithEnv(env, registry.adminPassword, "login", registry.hostPort(), "-u", "admin",
                "--password-stdin");
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.err()).startsWith("docker needs the certificate too");
        assertThat(cli.cliConfig().path("registries").path(registry.hostPort()).has("caFile")).as("not stored").isFalse();

        assertThat(cli.runWithEnv(env, "", "token", "list").code()).isZero();
        CliRunner.Result without = cli.run("token", "list");
        assertThat(without.code()).isEqualTo(1);
        assertThat(without.err()).hasLineCount(1).contains("certificate not trusted: pass --ca-file PEM");
    }

    @Test
    void aMissingOrNonPemCaFileIsAOneLineError(@TempDir Path root) throws Exception {
        CliRunner cli = new CliRunner(root);
        Path missing = root.resolve("nope.pem");
        CliRunner.Result r = cli.runWithStdin("pw", "login", registry.hostPort(), "-u", "admin", "--password-stdin",
                "--ca-file", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the CA file " + missing + " does not exist\n");

        Path key = Files.writeString(root.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        r = cli.runWithStdin("pw", "login", registry.hostPort(), "-u", "admin", "--password-stdin", "--ca-file", key.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the CA file " + key + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n");

        Path broken = Files.writeString(root.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        r = cli.runWithEnv(Map.of("SLIPWAY_CA_FILE", broken.toString()), "pw", "login", registry.hostPort(), "-u", "admin",
                "--password-stdin");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("error: the CA file " + broken + " holds a broken PEM certificate");
        assertThat(cli.configDir.resolve("config.json")).doesNotExist();

        // A stored CA file that is gone later: the command says which file.
        Path copy = Files.copy(cert, root.resolve("copy.crt"));
        cli.ok("login", registry.hostPort(), "-u", "admin", "-p", registry.adminPassword, "--ca-file", copy.toString());
        Files.delete(copy);
        r = cli.run("token", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the CA file " + copy + " does not exist\n");
    }

    @Test
    void aCertificateForAnotherHostNameSaysSo(@TempDir Path root) {
        // The self-signed certificate names localhost and 127.0.0.1, not 127.0.0.2 (still this loopback server).
        String host = "127.0.0.2:" + registry.server.port();
        CliRunner.Result r = new CliRunner(root).runWithStdin(registry.adminPassword, "login", host, "-u", "admin",
                "--password-stdin", "--ca-file", cert.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("error: cannot reach " + host + " at https://" + host
                + ": its TLS certificate is not issued for this host name");
    }
}
