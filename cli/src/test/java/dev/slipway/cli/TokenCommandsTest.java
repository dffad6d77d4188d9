package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandsTest {
    static TestRegistry registry;
    static CliRunner cli;

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path root) throws Exception {
        registry = TestRegistry.start(data);
        cli = new CliRunner(root);
        cli.login(registry);
        registry.push("team/app", "v1");
        registry.push("other/app", "v1");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static String password(JsonNode token, String slot) {
        for (JsonNode p : token.path("credentials").path("passwords")) {
            if (p.path("name").asText().equals(slot)) {
                return p.path("value").asText();
            }
        }
        throw new AssertionError("no " + slot + " in " + token);
    }

    @Test
    void createWithRepositoryMakesAScopeMapAndTwoWorkingPasswords() throws Exception {
        CliRunner.Result r = cli.run("token", "create", "-n", "builder", "--repository", "team/*", "content/read", "content/write");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode token = r.json();
        assertThat(token.path("name").asText()).isEqualTo("builder");
        assertThat(token.path("scopeMapName").asText()).isEqualTo("builder-scope-map");
        assertThat(token.path("status").asText()).isEqualTo("enabled");
        assertThat(r.err()).contains("docker login " + registry.hostPort() + " -u builder");
        String p1 = password(token, "password1");
        String p2 = password(token, "password2");
        assertThat(p1).hasSizeGreaterThan(20).isNotEqualTo(p2);

        assertThat(cli.ok("scope-map", "show", "-n", "builder-scope-map").json().path("actions")).extracting(JsonNode::asText)
                .containsExactly("repositories/team/*/content/read", "repositories/team/*/content/write");
        assertThat(registry.get("/v2/", "builder", p1)).isEqualTo(200);
        assertThat(registry.get("/v2/", "builder", p2)).isEqualTo(200);
        assertThat(registry.get("/v2/team/app/tags/list", "builder", p1)).isEqualTo(200);
        assertThat(registry.get("/v2/other/app/tags/list", "builder", p1)).isEqualTo(403);

        // The values are shown only once.
        assertThat(cli.ok("token", "show", "-n", "builder").out()).doesNotContain(p1).doesNotContain(p2);
    }

    @Test
    void listAsTableShowsExpiriesAndStatus() {
        cli.ok("token", "create", "-n", "lister", "--scope-map", "_repositories_pull", "-o", "none");
        cli.ok("token", "create", "-n", "nopass", "--scope-map", "_repositories_pull", "--no-passwords", "--status", "disabled");
        cli.ok("token", "create", "-n", "expiring", "--scope-map", "_repositories_pull", "--expiration-in-days", "30");

        var lines = cli.ok("token", "list", "-o", "table").out().lines().toList();
        assertThat(lines.get(0)).matches("NAME +SCOPE MAP +PASSWORD1 EXPIRY +PASSWORD2 EXPIRY +STATUS +CREATION DATE");
        assertThat(lines).anyMatch(l -> l.matches("lister +_repositories_pull +Never +Never +enabled +\\d{4}-\\S+Z"));
        assertThat(lines).anyMatch(l -> l.matches("nopass +_repositories_pull +disabled +\\S+Z"));
        assertThat(lines).anyMatch(l -> l.matches("expiring +_repositories_pull +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\S+Z +enabled +\\S+Z"));

        assertThat(cli.ok("token", "list", "--query", "[?status=='disabled'].name", "-o", "tsv").out()).isEqualTo("nopass\n");
        assertThat(cli.ok("token", "show", "-n", "nopass", "--query", "credentials.passwords", "-o", "json").out()).isEqualTo("[]\n");
        assertThat(cli.ok("token", "list", "-o", "tsv").out().lines())
                .anyMatch(l -> l.startsWith("lister\t_repositories_pull\tenabled\t"));
    }

    @Test
    void credentialGenerateShowsTheNewPasswordsOnceAsATable() throws Exception {
        cli.ok("token", "create", "-n", "regen", "--scope-map", "_repositories_pull", "--no-passwords");
        var lines = cli.ok("token", "credential", "generate", "-n", "regen", "--password1", "--expiration-in-days", "7", "-o", "table")
                .out().lines().toList();
        assertThat(lines.get(0)).matches("USERNAME +PASSWORD1 +PASSWORD1 EXPIRY +PASSWORD2 +PASSWORD2 EXPIRY");
        assertThat(lines.get(2)).matches("regen +\\w{40}  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String p1 = lines.get(2).split(" +")[1];
        assertThat(registry.get("/v2/", "regen", p1)).isEqualTo(200);

        JsonNode both = cli.ok("token", "credential", "generate", "-n", "regen").json();
        assertThat(both.path("username").asText()).isEqualTo("regen");
        assertThat(both.path("passwords")).hasSize(2);
        assertThat(both.path("passwords").get(0).path("expiry").isNull()).isTrue();
        String newP1 = both.path("passwords").get(0).path("value").asText();
        assertThat(registry.get("/v2/", "regen", p1)).isEqualTo(401);
        assertThat(registry.get("/v2/", "regen", newP1)).isEqualTo(200);

        CliRunner.Result negative = cli.run("token", "credential", "generate", "-n", "regen", "--expiration-in-days", "-1");
        assertThat(negative.code()).isEqualTo(1);
        assertThat(negative.err()).isEqualTo("error: --expiration-in-days must be positive\n");
    }

    @Test
    void aDeletedPasswordStopsWorkingAndTheOtherKeepsWorking() throws Exception {
        JsonNode token = cli.ok("token", "create", "-n", "rotator", "--scope-map", "_repositories_pull").json();
        String p1 = password(token, "password1");
        String p2 = password(token, "password2");
        assertThat(registry.get("/v2/", "rotator", p1)).isEqualTo(200);

        JsonNode after = cli.ok("token", "credential", "delete", "-n", "rotator", "--password1").json();
        assertThat(after.path("credentials").path("passwords").findValuesAsText("name")).containsExactly("password2");
        assertThat(registry.get("/v2/", "rotator", p1)).isEqualTo(401);
        assertThat(registry.get("/v2/", "rotator", p2)).isEqualTo(200);

        CliRunner.Result again = cli.run("token", "credential", "delete", "-n", "rotator", "--password1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("error: token rotator has no password1\n");
        assertThat(cli.run("token", "credential", "delete", "-n", "rotator").code()).isEqualTo(2);
    }

    @Test
    void aDisabledTokenCannotLogInUntilEnabledAgain() throws Exception {
        JsonNode token = cli.ok("token", "create", "-n", "switchy", "--scope-map", "_repositories_pull").json();
        String p1 = password(token, "password1");
        assertThat(registry.get("/v2/", "switchy", p1)).isEqualTo(200);

        assertThat(cli.ok("token", "update", "-n", "switchy", "--status", "disabled", "--query", "status", "-o", "tsv").out())
                .isEqualTo("disabled\n");
        assertThat(registry.get("/v2/", "switchy", p1)).isEqualTo(401);
        assertThat(registry.get("/v2/team/app/tags/list", "switchy", p1)).isEqualTo(401);

        cli.ok("token", "update", "-n", "switchy", "--status", "enabled");
        assertThat(registry.get("/v2/", "switchy", p1)).isEqualTo(200);
    }

    @Test
    void aScopeMapChangeAppliesToItsTokensAtOnce() throws Exception {
        cli.ok("scope-map", "create", "-n", "shifting", "--repository", "team/app", "content/read");
        JsonNode token = cli.ok("token", "create", "-n", "shifter", "--scope-map", "shifting").json();
        String p1 = password(token, "password1");
        assertThat(registry.get("/v2/team/app/tags/list", "shifter", p1)).isEqualTo(200);
        assertThat(registry.get("/v2/other/app/tags/list", "shifter", p1)).isEqualTo(403);

        cli.ok("scope-map", "update", "-n", "shifting", "--add-repository", "other/app", "content/read",
                "--remove-repository", "team/app", "content/read");
        assertThat(registry.get("/v2/team/app/tags/list", "shifter", p1)).isEqualTo(403);
        assertThat(registry.get("/v2/other/app/tags/list", "shifter", p1)).isEqualTo(200);

        // Moving the token to another map applies at once too.
        cli.ok("token", "update", "-n", "shifter", "--scope-map", "_repositories_pull");
        assertThat(registry.get("/v2/team/app/tags/list", "shifter", p1)).isEqualTo(200);
    }

    @Test
    void deleteAsksUnlessYesAndTheTokenStopsWorking() throws Exception {
        JsonNode token = cli.ok("token", "create", "-n", "goner", "--scope-map", "_repositories_pull").json();
        String p1 = password(token, "password1");
        assertThat(cli.runWithStdin("", "token", "delete", "-n", "goner").code()).isEqualTo(1);
        assertThat(registry.get("/v2/", "goner", p1)).isEqualTo(200);
        assertThat(cli.ok("token", "delete", "-n", "goner", "--yes").out()).isEmpty();
        assertThat(registry.get("/v2/", "goner", p1)).isEqualTo(401);
        CliRunner.Result missing = cli.run("token", "show", "-n", "goner");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: token goner does not exist\n");
    }

    @Test
    void badInputIsAOneLineErrorAndLeavesNoScopeMapBehind() {
        CliRunner.Result both = cli.run("token", "create", "-n", "confused", "--scope-map", "x", "--repository", "a", "content/read");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("error: give either --scope-map MAP or --repository REPO ACTION...\n");
        assertThat(cli.run("token", "create", "-n", "confused").code()).isEqualTo(2);
        CliRunner.Result status = cli.run("token", "create", "-n", "confused", "--scope-map", "_repositories_pull", "--status", "on");
        status.usageError("error: Invalid value for option '--status'");
        assertThat(cli.run("token", "create", "-n", "confused", "--scope-map", "_repositories_pull", "--no-passwords",
                "--expiration-in-days", "3").code()).isEqualTo(2);

        CliRunner.Result badName = cli.run("token", "create", "-n", "ab", "--repository", "team/*", "content/read");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).isEqualTo("error: token names are 5-50 letters, digits or '-' (and not 'admin'): ab\n");
        assertThat(cli.run("scope-map", "show", "-n", "ab-scope-map").code()).isEqualTo(1);

        CliRunner.Result unknownMap = cli.run("token", "create", "-n", "orphan", "--scope-map", "nosuchmap");
        assertThat(unknownMap.code()).isEqualTo(1);
        assertThat(unknownMap.err()).isEqualTo("error: scope map nosuchmap does not exist\n");
        assertThat(cli.run("token", "update", "-n", "orphan").code()).isEqualTo(2);
        CliRunner.Result noSub = cli.run("token");
        assertThat(noSub.code()).isEqualTo(2);
        assertThat(noSub.err()).isEqualTo("error: Missing required subcommand\nTry 'slipway token --help'.\n");
    }
}
