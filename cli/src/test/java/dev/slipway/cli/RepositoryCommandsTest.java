package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway repository ...}. The {@code /acr/v1} metadata and locks API is checked against a stub that
 * records the requests; listing and deleting images also run against a real server.
 */
class RepositoryCommandsTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String ATTRS = "{\"deleteEnabled\":true,\"writeEnabled\":true,\"readEnabled\":true,\"listEnabled\":true}";

    StubRegistry stub;
    CliRunner cli;

    @BeforeEach
    void start(@TempDir Path root) throws Exception {
        stub = new StubRegistry();
        cli = new CliRunner(root);
        CliRunner.Result login = cli.runWithStdin("pw", "login", stub.hostPort(), "-u", "admin", "--password-stdin");
        assertThat(login.code()).as(login.toString()).isZero();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void showGetsTheRepositoryTagOrManifest() {
        stub.answer("GET /acr/v1/team/app", "{\"registry\":\"r\",\"imageName\":\"team/app\",\"createdTime\":\"2026-01-01T00:00:00Z\","
                + "\"lastUpdateTime\":\"2026-01-02T03:04:05.678Z\",\"manifestCount\":3,\"tagCount\":2,\"changeableAttributes\":" + ATTRS + "}");
        stub.answer("GET /acr/v1/team/app/_tags/v1", "{\"registry\":\"r\",\"imageName\":\"team/app\",\"tag\":{\"name\":\"v1\",\"digest\":\""
                + DIGEST + "\",\"createdTime\":\"2026-01-01T00:00:00Z\",\"lastUpdateTime\":\"2026-01-01T00:00:00Z\","
                + "\"changeableAttributes\":{\"deleteEnabled\":false,\"writeEnabled\":false,\"readEnabled\":true,\"listEnabled\":true}}}");
        stub.answer("GET /acr/v1/team/app/_manifests/" + DIGEST, "{\"registry\":\"r\",\"imageName\":\"team/app\",\"manifest\":{\"digest\":\""
                + DIGEST + "\",\"lastUpdateTime\":\"2026-01-01T00:00:00Z\",\"changeableAttributes\":" + ATTRS + "}}");

        JsonNode repo = cli.ok("repository", "show", "--repository", "team/app").json();
        assertThat(repo.path("manifestCount").asInt()).isEqualTo(3);
        assertThat(cli.ok("repository", "show", "--repository", "team/app", "-o", "table").out()).isEqualTo("""
                IMAGE NAME  TAGS  MANIFESTS  LAST UPDATE TIME      WRITE ENABLED  DELETE ENABLED  READ ENABLED  LIST ENABLED
                ----------  ----  ---------  --------------------  -------------  --------------  ------------  ------------
                team/app    2     3          2026-01-02T03:04:05Z  true           true            true          true
                """);
        assertThat(cli.ok("repository", "show", "--image", "team/app:v1", "--query", "tag.changeableAttributes.writeEnabled")
                .out()).isEqualTo("false\n");
        assertThat(cli.ok("repository", "show", "--image", "team/app:v1", "-o", "table").out().lines().skip(2).findFirst().orElseThrow())
                .isEqualTo("team/app    v1   " + DIGEST + "  2026-01-01T00:00:00Z  false          false           true          true");
        assertThat(cli.ok("repository", "show", "--image", "team/app@" + DIGEST, "--query", "manifest.digest", "-o", "tsv").out())
                .isEqualTo(DIGEST + "\n");
        assertThat(stub.lines()).containsExactly("GET /acr/v1/team/app", "GET /acr/v1/team/app", "GET /acr/v1/team/app/_tags/v1",
                "GET /acr/v1/team/app/_tags/v1", "GET /acr/v1/team/app/_manifests/" + DIGEST);
        assertThat(stub.calls.get(0).authorization()).isEqualTo(TestRegistry.basic("admin", "pw"));
    }

    @Test
    void updatePatchesTheChangeableAttributes() throws Exception {
        String locked = "{\"registry\":\"r\",\"imageName\":\"team/app\",\"tag\":{\"name\":\"v1\",\"digest\":\"" + DIGEST
                + "\",\"changeableAttributes\":{\"deleteEnabled\":false,\"writeEnabled\":false,\"readEnabled\":true,\"listEnabled\":true}}}";
        stub.answer("PATCH /acr/v1/team/app/_tags/v1", locked);
        JsonNode r = cli.ok("repository", "update", "--image", "team/app:v1", "--write-enabled", "false", "--delete-enabled", "false").json();
        assertThat(r.path("tag").path("changeableAttributes").path("writeEnabled").asBoolean()).isFalse();
        StubRegistry.Call call = stub.calls.get(0);
        assertThat(call.line()).isEqualTo("PATCH /acr/v1/team/app/_tags/v1");
        assertThat(Json(call.body())).isEqualTo(Json("{\"writeEnabled\":false,\"deleteEnabled\":false}"));

        // A PATCH without a body is followed by a GET of the object.
        stub.answer("PATCH /acr/v1/team/app", 204, Map.of(), "");
        stub.answer("GET /acr/v1/team/app", "{\"imageName\":\"team/app\",\"changeableAttributes\":" + ATTRS + "}");
        cli.ok("repository", "update", "--repository", "team/app", "--read-enabled", "true", "--list-enabled", "false");
        assertThat(Json(stub.calls.get(1).body())).isEqualTo(Json("{\"readEnabled\":true,\"listEnabled\":false}"));
        assertThat(stub.lines().subList(1, 3)).containsExactly("PATCH /acr/v1/team/app", "GET /acr/v1/team/app");
    }

    @Test
    void showTagsOrdersCapsAndFollowsPages() {
        stub.answer("GET /acr/v1/team/app/_tags?n=2&orderby=timedesc", "{\"tags\":[{\"name\":\"v3\",\"digest\":\"" + DIGEST
                + "\"},{\"name\":\"v2\",\"digest\":\"" + DIGEST + "\"}]}");
        assertThat(cli.ok("repository", "show-tags", "--repository", "team/app", "--orderby", "time_desc", "--top", "2", "-o", "tsv")
                .out()).isEqualTo("v3\nv2\n");
        JsonNode detail = cli.ok("repository", "show-tags", "--repository", "team/app", "--orderby", "time_desc", "--top", "2",
                "--detail").json();
        assertThat(detail.get(0).path("digest").asText()).isEqualTo(DIGEST);

        stub.answer("GET /acr/v1/team/app/_tags?n=1000&orderby=timeasc", 200,
                Map.of("Link", "</acr/v1/team/app/_tags?last=v1&n=1000&orderby=timeasc>; rel=\"next\""), "{\"tags\":[{\"name\":\"v1\"}]}");
        stub.answer("GET /acr/v1/team/app/_tags?last=v1&n=1000&orderby=timeasc", "{\"tags\":[{\"name\":\"v2\"}]}");
        assertThat(cli.ok("repository", "show-tags", "--repository", "team/app", "--orderby", "time_asc").json())
                .extracting(JsonNode::asText).containsExactly("v1", "v2");

        assertThat(cli.run("repository", "show-tags", "--repository", "team/app", "--orderby", "newest").code()).isEqualTo(2);
        assertThat(cli.run("repository", "show-tags", "--repository", "team/app", "--top", "0").code()).isEqualTo(2);
    }

    @Test
    void untagDeletesTheTagOnly() {
        stub.answer("DELETE /acr/v1/team/app/_tags/v1", 202, Map.of(), "");
        assertThat(cli.ok("repository", "untag", "--image", "team/app:v1").out()).isEmpty();
        assertThat(stub.lines()).containsExactly("DELETE /acr/v1/team/app/_tags/v1");

        CliRunner.Result byDigest = cli.run("repository", "untag", "--image", "team/app@" + DIGEST);
        assertThat(byDigest.code()).isEqualTo(2);
        assertThat(byDigest.err()).isEqualTo("error: --image team/app@" + DIGEST + ": untag needs REPOSITORY:TAG\n");
    }

    @Test
    void deleteAsksThenDeletesTheRepository() {
        CliRunner.Result no = cli.runWithStdin("no\n", "repository", "delete", "--repository", "team/app");
        assertThat(no.code()).isEqualTo(1);
        assertThat(stub.calls).isEmpty();

        stub.answer("DELETE /acr/v1/team/app", "{\"manifestsDeleted\":[\"" + DIGEST + "\"],\"tagsDeleted\":[\"v1\"]}");
        JsonNode r = cli.ok("repository", "delete", "--repository", "team/app", "--yes").json();
        assertThat(r.path("tagsDeleted").get(0).asText()).isEqualTo("v1");
        assertThat(stub.lines()).containsExactly("DELETE /acr/v1/team/app");
    }

    @Test
    void errorsAndBadInputAreOneLine() {
        CliRunner.Result unknown = cli.run("repository", "show", "--repository", "nope");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: repository name not known to registry\n");

        stub.answer("GET /acr/v1/locked", 401, Map.of(), "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        CliRunner.Result unauthorized = cli.run("repository", "show", "--repository", "locked");
        assertThat(unauthorized.err()).isEqualTo("error: not logged in or wrong credentials for " + stub.hostPort()
                + " (run 'slipway login " + stub.hostPort() + "')\n");

        for (String[] args : new String[][] {
                {"repository", "show", "--repository", "a", "--image", "a:b"},
                {"repository", "show"},
                {"repository", "show", "--image", "team/app"},
                {"repository", "show", "--image", "Team/App:v1"},
                {"repository", "show", "--image", "team/app@sha256"},
                {"repository", "update", "--repository", "team/app"},
                {"repository", "update", "--repository", "team/app", "--write-enabled", "nope"},
                {"repository", "delete"}}) {
            cli.run(args).usageError("error: ");
        }
        assertThat(stub.calls).extracting(StubRegistry.Call::line).containsExactly("GET /acr/v1/nope", "GET /acr/v1/locked");
    }

    @Test
    void listAndDeleteImagesOnARealServer(@TempDir Path data, @TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(data)) {
            CliRunner real = new CliRunner(root);
            real.login(registry);
            String v1 = registry.push("team/app", "v1");
            registry.push("team/app", "v2");
            String web = registry.push("team/web", "latest");

            assertThat(real.ok("repository", "list").json()).extracting(JsonNode::asText).containsExactly("team/app", "team/web");
            assertThat(real.ok("repository", "list", "-o", "table").out()).isEqualTo("Result\n--------\nteam/app\nteam/web\n");

            // By tag: the manifest the tag points at goes, with its tags.
            JsonNode deleted = real.ok("repository", "delete", "--image", "team/app:v1", "--yes").json();
            assertThat(deleted.path("manifestsDeleted").get(0).asText()).isEqualTo(v1);
            assertThat(registry.get("/v2/team/app/manifests/v1", "admin", registry.adminPassword)).isEqualTo(404);
            assertThat(registry.get("/v2/team/app/manifests/v2", "admin", registry.adminPassword)).isEqualTo(200);

            // By digest.
            real.ok("repository", "delete", "--image", "team/web@" + web, "--yes");
            assertThat(registry.get("/v2/team/web/manifests/latest", "admin", registry.adminPassword)).isEqualTo(404);

            CliRunner.Result missing = real.run("repository", "delete", "--image", "team/app:v9", "--yes");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).isEqualTo("error: image team/app:v9 does not exist\n");
        }
    }

    @Test
    void locksTagsUntagAndDeleteOnARealServer(@TempDir Path data, @TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(data)) {
            CliRunner real = new CliRunner(root);
            real.login(registry);
            String v1 = registry.push("team/app", "v1");
            Thread.sleep(5);
            registry.push("team/app", "v2");

            JsonNode repo = real.ok("repository", "show", "--repository", "team/app").json();
            assertThat(repo.path("imageName").asText()).isEqualTo("team/app");
            assertThat(repo.path("tagCount").asInt()).isEqualTo(2);
            assertThat(real.ok("repository", "show", "--image", "team/app:v1", "--query", "tag.digest", "-o", "tsv").out())
                    .isEqualTo(v1 + "\n");
            assertThat(real.ok("repository", "show", "--image", "team/app@" + v1, "--query", "manifest.digest", "-o", "tsv").out())
                    .isEqualTo(v1 + "\n");

            assertThat(real.ok("repository", "show-tags", "--repository", "team/app", "-o", "tsv").out()).isEqualTo("v1\nv2\n");
            assertThat(real.ok("repository", "show-tags", "--repository", "team/app", "--orderby", "time_desc", "-o", "tsv").out())
                    .isEqualTo("v2\nv1\n");
            assertThat(real.ok("repository", "show-tags", "--repository", "team/app", "--orderby", "time_asc", "--top", "1",
                    "--detail", "--query", "[0].name", "-o", "tsv").out()).isEqualTo("v1\n");

            // Lock v1: it can be neither untagged nor deleted until unlocked.
            JsonNode locked = real.ok("repository", "update", "--image", "team/app:v1", "--write-enabled", "false").json();
            assertThat(locked.path("tag").path("changeableAttributes").path("writeEnabled").asBoolean()).isFalse();
            assertThat(real.ok("repository", "show", "--image", "team/app:v1", "-o", "table").out().lines().skip(2).findFirst()
                    .orElseThrow()).matches("team/app +v1 +" + v1 + " +\\S+Z +false +true +true +true");
            CliRunner.Result untagLocked = real.run("repository", "untag", "--image", "team/app:v1");
            assertThat(untagLocked.code()).isEqualTo(1);
            assertThat(untagLocked.err()).startsWith("error: ").hasLineCount(1);
            CliRunner.Result deleteLocked = real.run("repository", "delete", "--image", "team/app:v1", "--yes");
            assertThat(deleteLocked.code()).isEqualTo(1);
            assertThat(deleteLocked.err()).startsWith("error: ").hasLineCount(1);

            real.ok("repository", "update", "--image", "team/app:v1", "--write-enabled", "true");
            assertThat(real.ok("repository", "untag", "--image", "team/app:v1").out()).isEmpty();
            assertThat(real.ok("repository", "show-tags", "--repository", "team/app", "-o", "tsv").out()).isEqualTo("v2\n");

            assertThat(real.ok("repository", "delete", "--repository", "team/app", "--yes").out()).isEmpty();
            assertThat(real.ok("repository", "list").json()).isEmpty();
            CliRunner.Result gone = real.run("repository", "show", "--repository", "team/app");
            assertThat(gone.code()).isEqualTo(1);
            assertThat(gone.err()).startsWith("error: ").hasLineCount(1);
        }
    }

    @Test
    void listFollowsCatalogPages() {
        stub.answer("GET /v2/_catalog?n=1000", 200, Map.of("Link", "</v2/_catalog?n=1000&last=b>; rel=\"next\""),
                "{\"repositories\":[\"a\",\"b\"]}");
        stub.answer("GET /v2/_catalog?n=1000&last=b", "{\"repositories\":[\"c\"]}");
        assertThat(cli.ok("repository", "list", "-o", "tsv").out()).isEqualTo("a\nb\nc\n");
    }

    private static JsonNode Json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    }
}
