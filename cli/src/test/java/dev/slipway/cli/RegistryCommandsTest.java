package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show}, {@code update}, {@code credential show|renew} and {@code audit list}. */
class RegistryCommandsTest {
    static TestRegistry registry;
    static CliRunner cli;

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path root) throws Exception {
        registry = TestRegistry.start(data);
        cli = new CliRunner(root);
        cli.login(registry);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void showGivesTheSettingsAsJsonTableTsvAndYaml() {
        var json = cli.ok("show").json();
        assertThat(json.path("name").asText()).isEqualTo(registry.hostPort());
        assertThat(json.path("loginServer").asText()).isEqualTo(registry.hostPort());
        assertThat(json.has("adminUserEnabled")).isTrue();
        assertThat(cli.ok("show").out()).startsWith("{\n  \"name\": \"" + registry.hostPort() + "\",\n");

        String table = cli.ok("show", "-o", "table").out();
        String hp = registry.hostPort();
        int w = Math.max(hp.length(), "LOGIN SERVER".length());
        assertThat(table).isEqualTo(String.format("%-" + w + "s  %-" + w + "s  ADMIN ENABLED  ANONYMOUS PULL ENABLED%n", "NAME", "LOGIN SERVER")
                + "-".repeat(w) + "  " + "-".repeat(w) + "  -------------  ----------------------\n"
                + String.format("%-" + w + "s  %-" + w + "s  %-13s  %s%n", hp, hp, json.path("adminUserEnabled").asText(),
                        json.path("anonymousPullEnabled").asText()));
        assertThat(table.lines().toList().get(1)).matches("-+  -+  -+  -+");

        assertThat(cli.ok("show", "--query", "anonymousPullEnabled", "-o", "tsv").out()).matches("(true|false)\n");
        assertThat(cli.ok("show", "-o", "yaml").out()).contains("loginServer: " + registry.hostPort() + "\n").doesNotStartWith("---");
        assertThat(cli.ok("show", "-o", "none").out()).isEmpty();
    }

    @Test
    void updateSwitchesAnonymousPullOnAndOff() throws Exception {
        registry.push("public/app", "v1");
        assertThat(registry.get("/v2/public/app/tags/list", null, null)).isEqualTo(401);

        var on = cli.ok("update", "--anonymous-pull-enabled", "true").json();
        assertThat(on.path("anonymousPullEnabled").asBoolean()).isTrue();
        assertThat(registry.get("/v2/public/app/tags/list", null, null)).isEqualTo(200);

        assertThat(cli.ok("update", "--anonymous-pull-enabled", "false", "--query", "anonymousPullEnabled").out()).isEqualTo("false\n");
        assertThat(registry.get("/v2/public/app/tags/list", null, null)).isEqualTo(401);
    }

    @Test
    void updateRejectsBadInput() {
        CliRunner.Result nothing = cli.run("update");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).isEqualTo("error: nothing to update: give --admin-enabled and/or --anonymous-pull-enabled\n");
        CliRunner.Result notBool = cli.run("update", "--admin-enabled", "maybe");
        notBool.usageError("error: ");
        // The server refuses to lock the admin out while no enabled token exists: its message, one line, exit 1.
        CliRunner.Result conflict = cli.run("update", "--admin-enabled", "false");
        assertThat(conflict.code()).isEqualTo(1);
        assertThat(conflict.err()).isEqualTo("error: the admin user can be disabled only once an enabled token exists"
                + " (create one with 'slipway token create')\n");
    }

    @Test
    void credentialShowInEveryFormat() {
        var json = cli.ok("credential", "show").json();
        assertThat(json.path("username").asText()).isEqualTo("admin");
        assertThat(json.path("passwords").findValuesAsText("name")).containsExactly("password", "password2");

        var table = cli.ok("credential", "show", "-o", "table").out().lines().toList();
        assertThat(table.get(0)).matches("USERNAME  PASSWORD +  PASSWORD2");
        assertThat(table.get(2)).startsWith("admin     ");
        assertThat(table).hasSize(3);

        assertThat(cli.ok("credential", "show", "--query", "passwords[?name=='password2'].value | [0]", "-o", "tsv").out())
                .isEqualTo(json.path("passwords").get(1).path("value").asText() + "\n");
        assertThat(cli.ok("credential", "show", "--query", "{user: username}", "-o", "table").out())
                .isEqualTo("User\n-----\nadmin\n");
    }

    @Test
    void renewingThePasswordInUseMovesTheStoredLoginToTheNewOne(@TempDir Path root) throws Exception {
        CliRunner mine = new CliRunner(root);
        mine.runWithStdin(registry.adminPassword2, "login", registry.hostPort(), "-u", "admin", "--password-stdin");
        String old = registry.adminPassword2;

        CliRunner.Result r = mine.run("credential", "renew", "--password-name", "password2");
        assertThat(r.code()).as(r.toString()).isZero();
        String fresh = r.json().path("passwords").get(1).path("value").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(registry.get("/v2/", "admin", old)).isEqualTo(401);
        assertThat(registry.get("/v2/", "admin", fresh)).isEqualTo(200);
        assertThat(mine.cliConfig().path("registries").path(registry.hostPort()).path("password").asText()).isEqualTo(fresh);
        assertThat(mine.ok("credential", "show", "--query", "username", "-o", "tsv").out()).isEqualTo("admin\n");

        // The shared runner logged in with password (not password2) and keeps working.
        assertThat(cli.ok("show").code()).isZero();
        CliRunner.Result bad = mine.run("credential", "renew", "--password-name", "password3");
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void auditListShowsChangesNewestFirst() {
        cli.ok("scope-map", "create", "-n", "audited", "--repository", "a/b", "content/read");
        var events = cli.ok("audit", "list", "--top", "1").json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("action").asText()).isEqualTo("scopemap.create");
        assertThat(events.get(0).path("target").asText()).isEqualTo("scopemap/audited");
        assertThat(events.get(0).path("actor").asText()).isEqualTo("admin");

        var table = cli.ok("audit", "list", "--days", "1", "-o", "table").out().lines().toList();
        assertThat(table.get(0)).matches("TIME +ACTOR +ACTION +TARGET +DETAIL");
        assertThat(table.get(2)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  admin +scopemap.create +scopemap/audited +.*");

        assertThat(cli.ok("audit", "list", "--query", "[?action=='admin.created'].actor", "-o", "tsv").out()).isEqualTo("system\n");
        assertThat(cli.run("audit", "list", "--top", "0").code()).isEqualTo(2);
    }
}
