package dev.slipway.server.registry.http;

import static dev.slipway.server.testing.TestClient.error;
import static dev.slipway.server.testing.TestClient.expect;
import static dev.slipway.server.testing.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.oci.Digest;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.auth.AuditEvent;
import dev.slipway.server.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /acr/v1 metadata API: JSON shapes, listings, attribute updates, untag versus delete, errors and audit. */
class AcrApiTest {
    private static final AtomicInteger REPOS = new AtomicInteger();
    private static final List<String> ATTRIBUTES = List.of("deleteEnabled", "writeEnabled", "readEnabled", "listEnabled");

    @TempDir
    static Path dir;
    static SlipwayServer server;
    static TestClient http;
    static String registry;

    @BeforeAll
    static void start() throws Exception {
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0).withAuth(false));
        http = new TestClient(server.baseUri());
        registry = "127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String newRepository() {
        return "acr/team" + REPOS.incrementAndGet() + "/app";
    }

    static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    static void assertDefaults(JsonNode attributes) {
        assertThat(fields(attributes)).containsExactlyElementsOf(ATTRIBUTES);
        ATTRIBUTES.forEach(a -> assertThat(attributes.path(a).isBoolean() && attributes.path(a).asBoolean()).as(a).isTrue());
    }

    // ---- repository

    @Test
    void repositoryShowsCountsTimesAndAttributes() {
        String repo = newRepository();
        Instant before = Instant.now().minusSeconds(1);
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.putManifest(repo, "latest", http.imageManifest(repo, "one")), 201);
        http.pushImage(repo, "v2", "two");

        JsonNode r = json(expect(http.get("/acr/v1/" + repo), 200));
        assertThat(fields(r)).containsExactly("registry", "imageName", "createdTime", "lastUpdateTime", "manifestCount", "tagCount",
                "changeableAttributes");
        assertThat(r.path("registry").asText()).isEqualTo(registry);
        assertThat(r.path("imageName").asText()).isEqualTo(repo);
        assertThat(r.path("manifestCount").asLong()).isEqualTo(2);
        assertThat(r.path("tagCount").asLong()).isEqualTo(3);
        Instant created = Instant.parse(r.path("createdTime").asText());
        assertThat(created).isAfter(before);
        assertThat(Instant.parse(r.path("lastUpdateTime").asText())).isAfterOrEqualTo(created);
        assertDefaults(r.path("changeableAttributes"));
        assertThat(d).isNotNull();
    }

    @Test
    void patchChangesOnlyTheGivenAttributesAndAnswersTheUpdatedObject() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");

        JsonNode r = json(expect(http.patch("/acr/v1/" + repo, "{\"writeEnabled\": false, \"listEnabled\": false}"), 200));
        assertThat(r.path("imageName").asText()).isEqualTo(repo);
        assertThat(r.path("changeableAttributes").toString())
                .isEqualTo("{\"deleteEnabled\":true,\"writeEnabled\":false,\"readEnabled\":true,\"listEnabled\":false}");
        r = json(expect(http.patch("/acr/v1/" + repo, "{\"listEnabled\": true}"), 200));
        assertThat(r.path("changeableAttributes").toString())
                .isEqualTo("{\"deleteEnabled\":true,\"writeEnabled\":false,\"readEnabled\":true,\"listEnabled\":true}");
        assertThat(json(http.get("/acr/v1/" + repo)).path("changeableAttributes")).isEqualTo(r.path("changeableAttributes"));
        assertThat(json(expect(http.patch("/acr/v1/" + repo, "{}"), 200)).path("changeableAttributes"))
                .isEqualTo(r.path("changeableAttributes"));
    }

    @Test
    void deleteRepositoryRemovesAllTagsAndManifests() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        http.pushImage(repo, "v2", "two");

        assertThat(expect(http.delete("/acr/v1/" + repo), 202).body()).isEmpty();
        assertThat(error(expect(http.get("/acr/v1/" + repo), 404))).startsWith("NAME_UNKNOWN: ");
        expect(http.get("/v2/" + repo + "/manifests/" + d), 404);
        expect(http.get("/v2/" + repo + "/tags/list"), 404);
        assertThat(texts(json(http.get("/acr/v1/_catalog")).path("repositories"), null)).doesNotContain(repo);
        assertThat(error(expect(http.delete("/acr/v1/" + repo), 404))).startsWith("NAME_UNKNOWN: ");
        // The name is free again.
        http.pushImage(repo, "v1", "three");
        assertThat(json(http.get("/acr/v1/" + repo)).path("manifestCount").asLong()).isEqualTo(1);
    }

    @Test
    void catalogPagesLikeTheV2Catalog() {
        List<String> repos = List.of("acr-cat/a", "acr-cat/b", "acr-cat/c");
        repos.forEach(r -> http.pushImage(r, "v1", r));
        List<String> all = texts(json(expect(http.get("/acr/v1/_catalog"), 200)).path("repositories"), null);
        assertThat(all).containsSubsequence(repos);

        HttpResponse<String> page = expect(http.get("/acr/v1/_catalog?n=2&last=acr-cat/a"), 200);
        assertThat(texts(json(page).path("repositories"), null)).containsExactly("acr-cat/b", "acr-cat/c");
        assertThat(page.headers().firstValue("Link")).isPresent();
        assertThat(page.headers().firstValue("Link").orElseThrow()).startsWith("</acr/v1/_catalog?n=2&last=acr-cat%2Fc>");
    }

    // ---- tags

    @Test
    void tagListingShapeAndOrders() throws Exception {
        String repo = newRepository();
        Digest b = http.pushImage(repo, "b", "one");
        Thread.sleep(5);
        http.pushImage(repo, "c", "two");
        Thread.sleep(5);
        http.pushImage(repo, "a", "three");

        JsonNode list = json(expect(http.get("/acr/v1/" + repo + "/_tags"), 200));
        assertThat(fields(list)).containsExactly("registry", "imageName", "tags");
        assertThat(list.path("registry").asText()).isEqualTo(registry);
        assertThat(list.path("imageName").asText()).isEqualTo(repo);
        assertThat(texts(list.path("tags"), "name")).containsExactly("a", "b", "c");
        JsonNode tb = list.path("tags").path(1);
        assertThat(fields(tb)).containsExactly("name", "digest", "createdTime", "lastUpdateTime", "signed", "changeableAttributes");
        assertThat(tb.path("digest").asText()).isEqualTo(b.toString());
        assertThat(tb.path("signed").isBoolean() && !tb.path("signed").asBoolean()).isTrue();
        Instant.parse(tb.path("createdTime").asText());
        Instant.parse(tb.path("lastUpdateTime").asText());
        assertDefaults(tb.path("changeableAttributes"));

        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_tags?orderby=timeasc")).path("tags"), "name")).containsExactly("b", "c", "a");
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_tags?orderby=timedesc")).path("tags"), "name")).containsExactly("a", "c", "b");

        HttpResponse<String> first = expect(http.get("/acr/v1/" + repo + "/_tags?orderby=timedesc&n=2"), 200);
        assertThat(texts(json(first).path("tags"), "name")).containsExactly("a", "c");
        assertThat(first.headers().firstValue("Link").orElseThrow())
                .isEqualTo("</acr/v1/" + repo + "/_tags?n=2&last=c&orderby=timedesc>; rel=\"next\"");
        HttpResponse<String> second = expect(http.get("/acr/v1/" + repo + "/_tags?orderby=timedesc&n=2&last=c"), 200);
        assertThat(texts(json(second).path("tags"), "name")).containsExactly("b");
        assertThat(second.headers().firstValue("Link")).isEmpty();
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_tags?n=5&last=a")).path("tags"), "name")).containsExactly("b", "c");
    }

    @Test
    void repushingATagMovesItToTheEndOfTheTimeOrder() throws Exception {
        String repo = newRepository();
        http.pushImage(repo, "old", "one");
        Thread.sleep(5);
        http.pushImage(repo, "new", "two");
        Thread.sleep(5);
        http.pushImage(repo, "old", "three");
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_tags?orderby=timedesc")).path("tags"), "name")).containsExactly("old", "new");
    }

    @Test
    void tagShowAndPatch() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        JsonNode t = json(expect(http.get("/acr/v1/" + repo + "/_tags/v1"), 200));
        assertThat(fields(t)).containsExactly("registry", "imageName", "tag");
        assertThat(t.at("/tag/name").asText()).isEqualTo("v1");
        assertThat(t.at("/tag/digest").asText()).isEqualTo(d.toString());
        assertDefaults(t.at("/tag/changeableAttributes"));

        JsonNode p = json(expect(http.patch("/acr/v1/" + repo + "/_tags/v1", "{\"deleteEnabled\": false, \"readEnabled\": false}"), 200));
        assertThat(fields(p)).containsExactly("registry", "imageName", "tag");
        assertThat(p.at("/tag/changeableAttributes").toString())
                .isEqualTo("{\"deleteEnabled\":false,\"writeEnabled\":true,\"readEnabled\":false,\"listEnabled\":true}");
        assertThat(json(http.get("/acr/v1/" + repo + "/_tags/v1")).at("/tag/changeableAttributes")).isEqualTo(p.at("/tag/changeableAttributes"));
    }

    @Test
    void untagRemovesOnlyTheTag() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.putManifest(repo, "v2", http.imageManifest(repo, "one")), 201);

        expect(http.delete("/acr/v1/" + repo + "/_tags/v1"), 202);
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_tags/v1"), 404))).startsWith("MANIFEST_UNKNOWN: ");
        expect(http.get("/v2/" + repo + "/manifests/v1"), 404);
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
        JsonNode m = json(expect(http.get("/acr/v1/" + repo + "/_manifests/" + d), 200));
        assertThat(texts(m.at("/manifest/tags"), null)).containsExactly("v2");

        expect(http.delete("/acr/v1/" + repo + "/_tags/v2"), 202);
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_manifests/" + d)).at("/manifest/tags"), null)).isEmpty();
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
        assertThat(error(expect(http.delete("/acr/v1/" + repo + "/_tags/v2"), 404))).startsWith("MANIFEST_UNKNOWN: ");
    }

    @Test
    void deleteByDigestRemovesTheManifestAndAllItsTags() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.putManifest(repo, "v2", http.imageManifest(repo, "one")), 201);
        http.pushImage(repo, "keep", "two");

        expect(http.delete("/v2/" + repo + "/manifests/" + d), 202);
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_tags")).path("tags"), "name")).containsExactly("keep");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_manifests/" + d), 404))).startsWith("MANIFEST_UNKNOWN: ");
        assertThat(json(http.get("/acr/v1/" + repo)).path("manifestCount").asLong()).isEqualTo(1);
    }

    // ---- manifests

    @Test
    void manifestListingShapeSizesTagsAndOrders() throws Exception {
        String repo = newRepository();
        byte[] first = http.imageManifest(repo, "one");
        Digest d1 = Digest.sha256(first);
        expect(http.putManifest(repo, "v1", first), 201);
        expect(http.putManifest(repo, "latest", first), 201);
        Thread.sleep(5);
        Digest d2 = http.pushImage(repo, d(repo, "two"), "two");

        JsonNode list = json(expect(http.get("/acr/v1/" + repo + "/_manifests"), 200));
        assertThat(fields(list)).containsExactly("registry", "imageName", "manifests");
        JsonNode m1 = list.path("manifests").findParents("digest").stream()
                .filter(n -> n.path("digest").asText().equals(d1.toString())).findFirst().orElseThrow();
        assertThat(fields(m1)).containsExactly("digest", "imageSize", "createdTime", "lastUpdateTime", "mediaType", "tags",
                "changeableAttributes");
        long config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"one\"}").length();
        long layer = "layer of one".length();
        assertThat(m1.path("imageSize").asLong()).isEqualTo(first.length + config + layer);
        assertThat(m1.path("mediaType").asText()).isEqualTo(TestClient.OCI_MANIFEST);
        assertThat(texts(m1.path("tags"), null)).containsExactly("latest", "v1");
        assertDefaults(m1.path("changeableAttributes"));

        List<String> byDigest = texts(list.path("manifests"), "digest");
        assertThat(byDigest).isSorted().containsExactlyInAnyOrder(d1.toString(), d2.toString());
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_manifests?orderby=timeasc")).path("manifests"), "digest"))
                .containsExactly(d1.toString(), d2.toString());
        HttpResponse<String> page = expect(http.get("/acr/v1/" + repo + "/_manifests?orderby=timedesc&n=1"), 200);
        assertThat(texts(json(page).path("manifests"), "digest")).containsExactly(d2.toString());
        assertThat(page.headers().firstValue("Link").orElseThrow()).contains("last=" + d2.toString().replace(":", "%3A"));
        assertThat(texts(json(http.get("/acr/v1/" + repo + "/_manifests?orderby=timedesc&n=1&last=" + d2)).path("manifests"), "digest"))
                .containsExactly(d1.toString());
    }

    /** Pushing by digest leaves the manifest untagged. */
    private static String d(String repo, String seed) {
        return Digest.sha256(http.imageManifest(repo, seed)).toString();
    }

    @Test
    void manifestShowAndPatch() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        JsonNode m = json(expect(http.get("/acr/v1/" + repo + "/_manifests/" + d), 200));
        assertThat(fields(m)).containsExactly("registry", "imageName", "manifest");
        assertThat(m.at("/manifest/digest").asText()).isEqualTo(d.toString());
        assertThat(texts(m.at("/manifest/tags"), null)).containsExactly("v1");

        JsonNode p = json(expect(http.patch("/acr/v1/" + repo + "/_manifests/" + d, "{\"writeEnabled\": false}"), 200));
        assertThat(fields(p)).containsExactly("registry", "imageName", "manifest");
        assertThat(p.at("/manifest/changeableAttributes").toString())
                .isEqualTo("{\"deleteEnabled\":true,\"writeEnabled\":false,\"readEnabled\":true,\"listEnabled\":true}");
        // The tag's own attributes are untouched.
        assertDefaults(json(http.get("/acr/v1/" + repo + "/_tags/v1")).at("/tag/changeableAttributes"));
    }

    // ---- errors

    @Test
    void unknownObjectsAre404() {
        String repo = newRepository();
        assertThat(error(expect(http.get("/acr/v1/" + repo), 404))).startsWith("NAME_UNKNOWN: ");
        assertThat(error(expect(http.patch("/acr/v1/" + repo, "{\"writeEnabled\": false}"), 404))).startsWith("NAME_UNKNOWN: ");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_tags"), 404))).startsWith("NAME_UNKNOWN: ");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_manifests"), 404))).startsWith("NAME_UNKNOWN: ");
        http.pushImage(repo, "v1", "one");
        Digest unknown = Digest.sha256(new byte[] {1});
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_tags/nope"), 404)))
                .isEqualTo("MANIFEST_UNKNOWN: tag " + repo + ":nope is unknown");
        assertThat(error(expect(http.patch("/acr/v1/" + repo + "/_tags/nope", "{\"writeEnabled\": false}"), 404)))
                .startsWith("MANIFEST_UNKNOWN: ");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_manifests/" + unknown), 404)))
                .isEqualTo("MANIFEST_UNKNOWN: manifest " + repo + "@" + unknown + " is unknown");
        assertThat(error(expect(http.patch("/acr/v1/" + repo + "/_manifests/" + unknown, "{\"readEnabled\": false}"), 404)))
                .startsWith("MANIFEST_UNKNOWN: ");
        assertThat(error(expect(http.get("/acr/v1/"), 404))).startsWith("NOT_FOUND: ");
        assertThat(error(expect(http.get("/acr/v1/_deleted/_catalog"), 404))).startsWith("NOT_FOUND: ");
    }

    @Test
    void badBodiesAndParametersAre400() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        for (String body : List.of("{", "[true]", "\"x\"", "{\"writeEnabled\": \"false\"}", "{\"readEnabled\": 0}",
                "{\"listEnabled\": null}")) {
            HttpResponse<String> r = expect(http.patch("/acr/v1/" + repo + "/_tags/v1", body), 400);
            assertThat(error(r)).as(body).startsWith("BAD_REQUEST: ");
        }
        assertThat(error(expect(http.patch("/acr/v1/" + repo, "{\"writeEnabled\": 1}"), 400)))
                .isEqualTo("BAD_REQUEST: writeEnabled must be true or false, not 1");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_tags?orderby=name"), 400))).startsWith("BAD_REQUEST: ");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_tags?n=x"), 400))).startsWith("PAGINATION_NUMBER_INVALID: ");
        assertThat(error(expect(http.get("/acr/v1/" + repo + "/_manifests/sha256:nope"), 400))).startsWith("DIGEST_INVALID: ");
        assertThat(error(expect(http.get("/acr/v1/Bad_Name"), 400))).startsWith("NAME_INVALID: ");
        // Nothing changed.
        assertDefaults(json(http.get("/acr/v1/" + repo + "/_tags/v1")).at("/tag/changeableAttributes"));
    }

    @Test
    void unsupportedMethodsAre405() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        HttpResponse<String> r = expect(http.send("PUT", "/acr/v1/" + repo, "application/json", "{}".getBytes()), 405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD, PATCH, DELETE");
        expect(http.delete("/acr/v1/" + repo + "/_manifests/" + d), 405);
        expect(http.patch("/acr/v1/" + repo + "/_tags", "{}"), 405);
        expect(http.delete("/acr/v1/_catalog"), 405);
    }

    // ---- audit

    @Test
    void everyAttributeChangeIsAudited() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.patch("/acr/v1/" + repo, "{\"listEnabled\": false, \"deleteEnabled\": false}"), 200);
        expect(http.patch("/acr/v1/" + repo + "/_tags/v1", "{\"writeEnabled\": false, \"readEnabled\": true}"), 200);
        expect(http.patch("/acr/v1/" + repo + "/_manifests/" + d, "{\"readEnabled\": false}"), 200);
        expect(http.patch("/acr/v1/" + repo + "/_tags/v1", "{}"), 200);
        expect(http.patch("/acr/v1/" + repo + "/_tags/v1", "{\"writeEnabled\": 3}"), 400);

        List<String> events = server.auth().credentials().auditEvents(Duration.ofMinutes(5), 1000).stream()
                .filter(e -> e.target().startsWith("repository/" + repo))
                .map(AcrApiTest::describe).toList();
        assertThat(events).containsExactlyInAnyOrder(
                "anonymous lock.update repository/" + repo + " deleteEnabled=false listEnabled=false",
                "anonymous lock.update repository/" + repo + ":v1 writeEnabled=false readEnabled=true",
                "anonymous lock.update repository/" + repo + "@" + d + " readEnabled=false");
    }

    private static String describe(AuditEvent e) {
        return e.actor() + " " + e.action() + " " + e.target() + " " + e.detail();
    }
}
