package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeMapCommandsTest {
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
    void createTurnsRepositoriesAndActionsIntoScopeMapActions() {
        var map = cli.ok("scope-map", "create", "-n", "team-rw", "--repository", "team/*", "content/read", "content/write",
                "--repository", "tools/lint", "metadata/read", "--description", "Team read/write").json();
        assertThat(map.path("name").asText()).isEqualTo("team-rw");
        assertThat(map.path("type").asText()).isEqualTo("UserDefined");
        assertThat(map.path("description").asText()).isEqualTo("Team read/write");
        assertThat(map.path("actions")).extracting(n -> n.asText()).containsExactly("repositories/team/*/content/read",
                "repositories/team/*/content/write", "repositories/tools/lint/metadata/read");

        assertThat(cli.ok("scope-map", "show", "-n", "team-rw", "--query", "actions[0]", "-o", "tsv").out())
                .isEqualTo("repositories/team/*/content/read\n");
    }

    @Test
    void listShowsSystemAndUserMapsAsATable() {
        cli.ok("scope-map", "create", "-n", "listed", "--repository", "x", "content/read", "-o", "none");
        var lines = cli.ok("scope-map", "list", "-o", "table").out().lines().toList();
        assertThat(lines.get(0)).matches("NAME +TYPE +CREATION DATE +DESCRIPTION");
        assertThat(lines.get(1)).matches("-+  -+  -+  -+");
        assertThat(lines).anyMatch(l -> l.matches("_repositories_admin +SystemDefined +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +Can perform.*"));
        assertThat(lines).anyMatch(l -> l.matches("listed +UserDefined +\\S+Z"));

        assertThat(cli.ok("scope-map", "list", "--query", "[?type=='SystemDefined'].name", "-o", "tsv").out())
                .isEqualTo("_repositories_admin\n_repositories_pull\n_repositories_push\n");
        // tsv: one line per map, values in order, the actions list as its length
        assertThat(cli.ok("scope-map", "list", "-o", "tsv").out().lines())
                .anyMatch(l -> l.startsWith("listed\tUserDefined\t\t1\t"));
    }

    @Test
    void updateAddsAndRemovesActions() {
        cli.ok("scope-map", "create", "-n", "changing", "--repository", "app", "content/read", "content/write");
        var map = cli.ok("scope-map", "update", "-n", "changing", "--add-repository", "app", "content/delete",
                "--remove-repository", "app", "content/write", "--description", "no more pushes").json();
        assertThat(map.path("actions")).extracting(n -> n.asText())
                .containsExactly("repositories/app/content/read", "repositories/app/content/delete");
        assertThat(map.path("description").asText()).isEqualTo("no more pushes");

        CliRunner.Result nothing = cli.run("scope-map", "update", "-n", "changing");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).startsWith("error: nothing to update");
    }

    @Test
    void badInputIsAOneLineErrorAndChangesNothing() {
        CliRunner.Result badAction = cli.run("scope-map", "create", "-n", "badaction", "--repository", "app", "content/reed");
        assertThat(badAction.code()).isEqualTo(2);
        assertThat(badAction.err()).isEqualTo("error: --repository app: invalid action 'content/reed' (expected content/read,"
                + " content/write, content/delete, metadata/read, metadata/write)\n");
        CliRunner.Result noAction = cli.run("scope-map", "create", "-n", "noaction", "--repository", "app", "-o", "json");
        noAction.usageError("error: --repository needs a repository and at least one action");
        CliRunner.Result noRepo = cli.run("scope-map", "create", "-n", "norepo");
        noRepo.usageError("error: Missing required option: '--repository=REPO ACTION...'");
        CliRunner.Result badName = cli.run("scope-map", "create", "-n", "ab", "--repository", "app", "content/read");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).isEqualTo("error: scope map names are 5-50 letters, digits or '-': ab\n");
        CliRunner.Result badQuery = cli.run("scope-map", "create", "-n", "badquery", "--repository", "app", "content/read",
                "--query", "[[");
        badQuery.usageError("error: argument --query: invalid JMESPath query '[['");
        assertThat(badQuery.err()).hasLineCount(1);
        assertThat(cli.run("scope-map", "show", "-n", "badquery").code()).isEqualTo(1);
        CliRunner.Result missing = cli.run("scope-map", "show", "-n", "nosuchmap");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: scope map nosuchmap does not exist\n");
        CliRunner.Result badFormat = cli.run("scope-map", "list", "-o", "xml");
        badFormat.usageError("error: Invalid value for option '--output'");
    }

    @Test
    void deleteAsksUnlessYes() {
        cli.ok("scope-map", "create", "-n", "doomed", "--repository", "app", "content/read");
        CliRunner.Result no = cli.runWithStdin("n\n", "scope-map", "delete", "-n", "doomed");
        assertThat(no.code()).isEqualTo(1);
        assertThat(no.err()).contains("Are you sure you want to continue? (y/n): ")
                .endsWith("error: cancelled (pass --yes to skip the question)\n");
        assertThat(cli.run("scope-map", "show", "-n", "doomed").code()).isZero();

        CliRunner.Result yes = cli.runWithStdin("y\n", "scope-map", "delete", "-n", "doomed");
        assertThat(yes.code()).as(yes.toString()).isZero();
        assertThat(cli.run("scope-map", "show", "-n", "doomed").code()).isEqualTo(1);

        cli.ok("scope-map", "create", "-n", "doomed2", "--repository", "app", "content/read");
        assertThat(cli.ok("scope-map", "delete", "-n", "doomed2", "--yes").out()).isEmpty();

        CliRunner.Result system = cli.run("scope-map", "delete", "-n", "_repositories_pull", "--yes");
        assertThat(system.code()).isEqualTo(1);
        assertThat(system.err()).isEqualTo("error: system scope map _repositories_pull cannot be deleted\n");
    }
}
