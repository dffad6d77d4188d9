package dev.slipway.server.registry.http;

import static dev.slipway.server.testing.TestClient.error;
import static dev.slipway.server.testing.TestClient.expect;
import static dev.slipway.server.testing.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.oci.Digest;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each changeable attribute at each level (repository, tag, manifest), enforced over raw HTTP. */
class LocksTest {
    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    static Path dir;
    static SlipwayServer server;
    static TestClient http;

    @BeforeAll
    static void start() throws Exception {
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0).withAuth(false));
        http = new TestClient(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String newRepository() {
        return "locks/r" + REPOS.incrementAndGet();
    }

    static void patch(String path, String json) {
        expect(http.patch("/acr/v1/" + path, json), 200);
    }

    static void assertDenied(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        if (!r.request().method().equals("HEAD")) {
            assertThat(error(r)).isEqualTo("DENIED: " + message);
        }
    }

    static List<String> tagsList(String repo) {
        List<String> out = new ArrayList<>();
        json(expect(http.get("/v2/" + repo + "/tags/list"), 200)).path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    // ---- tag locks

    @Test
    void tagWriteDisabledBlocksRepushAndEveryDeleteOfTheTag() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        patch(repo + "/_tags/v1", "{\"writeEnabled\": false}");
        String message = "tag " + repo + ":v1 is locked: writeEnabled is false";

        assertDenied(http.putManifest(repo, "v1", http.imageManifest(repo, "two")), message);
        assertDenied(http.delete("/v2/" + repo + "/manifests/v1"), message);
        assertDenied(http.delete("/acr/v1/" + repo + "/_tags/v1"), message);
        assertDenied(http.delete("/v2/" + repo + "/manifests/" + d), message);

        // The tag still names the first image and pulls; other tags are free.
        assertThat(expect(http.get("/v2/" + repo + "/manifests/v1"), 200).headers().firstValue("Docker-Content-Digest"))
                .contains(d.toString());
        http.pushImage(repo, "v2", "two");
        expect(http.delete("/v2/" + repo + "/manifests/v2"), 202);
    }

    @Test
    void tagDeleteDisabledAllowsRepushButBlocksDelete() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        patch(repo + "/_tags/v1", "{\"deleteEnabled\": false}");
        String message = "tag " + repo + ":v1 is locked: deleteEnabled is false";

        Digest second = http.pushImage(repo, "v1", "two");
        assertDenied(http.delete("/v2/" + repo + "/manifests/v1"), message);
        assertDenied(http.delete("/acr/v1/" + repo + "/_tags/v1"), message);
        assertDenied(http.delete("/v2/" + repo + "/manifests/" + second), message);
    }

    @Test
    void tagReadDisabledBlocksPullByThatTagOnly() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.putManifest(repo, "other", http.imageManifest(repo, "one")), 201);
        patch(repo + "/_tags/v1", "{\"readEnabled\": false}");

        assertDenied(http.get("/v2/" + repo + "/manifests/v1"), "tag " + repo + ":v1 is locked: readEnabled is false");
        assertDenied(http.head("/v2/" + repo + "/manifests/v1"), null);
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
        expect(http.head("/v2/" + repo + "/manifests/other"), 200);
        // Still listed, and pushes are not affected.
        assertThat(tagsList(repo)).containsExactly("other", "v1");
        http.pushImage(repo, "v1", "two");
    }

    @Test
    void tagListDisabledHidesTheTagFromTagListsWithoutShorteningPages() {
        String repo = newRepository();
        for (String t : List.of("a", "b", "c", "d")) {
            http.pushImage(repo, t, "one");
        }
        patch(repo + "/_tags/b", "{\"listEnabled\": false}");

        assertThat(tagsList(repo)).containsExactly("a", "c", "d");
        HttpResponse<String> page = expect(http.get("/v2/" + repo + "/tags/list?n=2"), 200);
        assertThat(names(json(page).path("tags"), null)).containsExactly("a", "c");
        assertThat(page.headers().firstValue("Link")).hasValueSatisfying(l -> assertThat(l).contains("last=c"));
        assertThat(names(json(http.get("/acr/v1/" + repo + "/_tags")).path("tags"), "name")).containsExactly("a", "c", "d");
        // Hidden, not locked: it pulls and shows by name.
        expect(http.get("/v2/" + repo + "/manifests/b"), 200);
        assertThat(json(expect(http.get("/acr/v1/" + repo + "/_tags/b"), 200)).at("/tag/changeableAttributes/listEnabled").asBoolean())
                .isFalse();
    }

    @Test
    void tagAndManifestAttributesAreSeparate() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        patch(repo + "/_tags/v1", "{\"deleteEnabled\": false}");
        JsonNode m = json(expect(http.get("/acr/v1/" + repo + "/_manifests/" + d), 200));
        assertThat(m.at("/manifest/changeableAttributes/deleteEnabled").asBoolean()).isTrue();
    }

    // ---- manifest locks

    @Test
    void manifestWriteDisabledBlocksDeleteByDigestButNotUntagOrRepointing() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        expect(http.putManifest(repo, "v2", http.imageManifest(repo, "one")), 201);
        patch(repo + "/_manifests/" + d, "{\"writeEnabled\": false}");

        assertDenied(http.delete("/v2/" + repo + "/manifests/" + d), "manifest " + repo + "@" + d + " is locked: writeEnabled is false");
        expect(http.delete("/v2/" + repo + "/manifests/v1"), 202);
        expect(http.delete("/acr/v1/" + repo + "/_tags/v2"), 202);
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
        http.pushImage(repo, "v3", "one");
        http.pushImage(repo, "v3", "two");
    }

    @Test
    void manifestDeleteDisabledBlocksDeleteByDigest() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        patch(repo + "/_manifests/" + d, "{\"deleteEnabled\": false}");
        assertDenied(http.delete("/v2/" + repo + "/manifests/" + d), "manifest " + repo + "@" + d + " is locked: deleteEnabled is false");
        expect(http.delete("/v2/" + repo + "/manifests/v1"), 202);
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
    }

    @Test
    void manifestReadDisabledBlocksPullByDigestAndThroughAnyTag() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        Digest other = http.pushImage(repo, "v2", "two");
        patch(repo + "/_manifests/" + d, "{\"readEnabled\": false}");
        String message = "manifest " + repo + "@" + d + " is locked: readEnabled is false";

        assertDenied(http.get("/v2/" + repo + "/manifests/" + d), message);
        assertDenied(http.get("/v2/" + repo + "/manifests/v1"), message);
        assertDenied(http.head("/v2/" + repo + "/manifests/v1"), null);
        expect(http.get("/v2/" + repo + "/manifests/" + other), 200);
    }

    @Test
    void manifestListDisabledHidesTheManifestFromTheManifestListing() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        Digest other = http.pushImage(repo, "v2", "two");
        patch(repo + "/_manifests/" + d, "{\"listEnabled\": false}");

        assertThat(names(json(http.get("/acr/v1/" + repo + "/_manifests")).path("manifests"), "digest")).containsExactly(other.toString());
        assertThat(tagsList(repo)).containsExactly("v1", "v2");
        expect(http.get("/acr/v1/" + repo + "/_manifests/" + d), 200);
        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
    }

    // ---- repository locks

    @Test
    void repositoryWriteDisabledBlocksEveryPushAndDelete() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        byte[] manifest = http.imageManifest(repo, "two");
        patch(repo, "{\"writeEnabled\": false}");
        String message = "repository " + repo + " is locked: writeEnabled is false";

        byte[] blob = "new".getBytes(StandardCharsets.UTF_8);
        assertDenied(http.post("/v2/" + repo + "/blobs/uploads/", null, null), message);
        assertDenied(http.post("/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob), "application/octet-stream", blob), message);
        assertDenied(http.putManifest(repo, "v2", manifest), message);
        assertDenied(http.putManifest(repo, Digest.sha256(manifest).toString(), manifest), message);
        assertDenied(http.delete("/v2/" + repo + "/manifests/" + d), message);
        assertDenied(http.delete("/v2/" + repo + "/manifests/v1"), message);
        assertDenied(http.delete("/acr/v1/" + repo + "/_tags/v1"), message);
        assertDenied(http.delete("/acr/v1/" + repo), message);
        expect(http.get("/v2/" + repo + "/manifests/v1"), 200);

        patch(repo, "{\"writeEnabled\": true}");
        http.pushImage(repo, "v2", "two");
    }

    @Test
    void repositoryWriteDisabledBlocksUploadsAlreadyStarted() {
        String repo = newRepository();
        HttpResponse<String> started = expect(http.post("/v2/" + repo + "/blobs/uploads/", null, null), 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        http.pushImage(repo, "v1", "one");
        patch(repo, "{\"writeEnabled\": false}");
        byte[] blob = "chunk".getBytes(StandardCharsets.UTF_8);
        assertDenied(http.send("PATCH", location, "application/octet-stream", blob),
                "repository " + repo + " is locked: writeEnabled is false");
        assertDenied(http.put(location + "?digest=" + Digest.sha256(blob), "application/octet-stream", blob),
                "repository " + repo + " is locked: writeEnabled is false");
    }

    @Test
    void repositoryDeleteDisabledProtectsTheRepositoryButNotTheImagesInIt() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        http.pushImage(repo, "v2", "two");
        patch(repo, "{\"deleteEnabled\": false}");

        assertDenied(http.delete("/acr/v1/" + repo), "repository " + repo + " is locked: deleteEnabled is false");
        expect(http.delete("/v2/" + repo + "/manifests/" + d), 202);
        expect(http.delete("/acr/v1/" + repo + "/_tags/v2"), 202);
        http.pushImage(repo, "v3", "three");
    }

    @Test
    void repositoryReadDisabledBlocksEveryPullButNotPushes() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        Digest layer = Digest.sha256("layer of one".getBytes(StandardCharsets.UTF_8));
        patch(repo, "{\"readEnabled\": false}");
        String message = "repository " + repo + " is locked: readEnabled is false";

        assertDenied(http.get("/v2/" + repo + "/manifests/v1"), message);
        assertDenied(http.get("/v2/" + repo + "/manifests/" + d), message);
        assertDenied(http.head("/v2/" + repo + "/manifests/v1"), null);
        assertDenied(http.get("/v2/" + repo + "/blobs/" + layer), message);
        assertDenied(http.head("/v2/" + repo + "/blobs/" + layer), null);
        http.pushImage(repo, "v2", "two");

        patch(repo, "{\"readEnabled\": true}");
        expect(http.get("/v2/" + repo + "/blobs/" + layer), 200);
    }

    @Test
    void repositoryReadDisabledIsNoSourceForMounts() {
        String source = newRepository();
        String target = newRepository();
        http.pushImage(source, "v1", "mounted");
        Digest layer = Digest.sha256("layer of mounted".getBytes(StandardCharsets.UTF_8));
        patch(source, "{\"readEnabled\": false}");
        // Not mounted: the registry opens an upload instead (202), as for any unknown blob.
        expect(http.post("/v2/" + target + "/blobs/uploads/?mount=" + layer + "&from=" + source, null, null), 202);
        patch(source, "{\"readEnabled\": true}");
        expect(http.post("/v2/" + target + "/blobs/uploads/?mount=" + layer + "&from=" + source, null, null), 201);
    }

    @Test
    void repositoryListDisabledHidesTheRepositoryFromBothCatalogs() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        assertThat(names(json(http.get("/v2/_catalog")).path("repositories"), null)).contains(repo);
        patch(repo, "{\"listEnabled\": false}");

        assertThat(names(json(http.get("/v2/_catalog")).path("repositories"), null)).doesNotContain(repo);
        assertThat(names(json(http.get("/acr/v1/_catalog")).path("repositories"), null)).doesNotContain(repo);
        assertThat(tagsList(repo)).containsExactly("v1");
        expect(http.get("/v2/" + repo + "/manifests/v1"), 200);
    }

    @Test
    void repositoryDeleteIsRefusedWhileAnImageInItIsLocked() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        patch(repo + "/_manifests/" + d, "{\"deleteEnabled\": false}");
        assertDenied(http.delete("/acr/v1/" + repo), "manifest " + repo + "@" + d + " is locked: deleteEnabled is false");
        patch(repo + "/_manifests/" + d, "{\"deleteEnabled\": true}");
        patch(repo + "/_tags/v1", "{\"writeEnabled\": false}");
        assertDenied(http.delete("/acr/v1/" + repo), "tag " + repo + ":v1 is locked: writeEnabled is false");
        patch(repo + "/_tags/v1", "{\"writeEnabled\": true}");
        expect(http.delete("/acr/v1/" + repo), 202);
    }

    // ---- attributes follow the objects they belong to

    @Test
    void removingATagRemovesItsAttributes() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        patch(repo + "/_tags/v1", "{\"listEnabled\": false, \"readEnabled\": false}");
        expect(http.delete("/v2/" + repo + "/manifests/v1"), 202);
        http.pushImage(repo, "v1", "one");

        assertThat(tagsList(repo)).containsExactly("v1");
        expect(http.get("/v2/" + repo + "/manifests/v1"), 200);
    }

    @Test
    void removingAManifestRemovesItsAttributesAndThoseOfItsTags() {
        String repo = newRepository();
        Digest d = http.pushImage(repo, "v1", "one");
        patch(repo + "/_manifests/" + d, "{\"readEnabled\": false}");
        patch(repo + "/_tags/v1", "{\"listEnabled\": false}");
        expect(http.delete("/v2/" + repo + "/manifests/" + d), 202);
        http.pushImage(repo, "v1", "one");

        expect(http.get("/v2/" + repo + "/manifests/" + d), 200);
        assertThat(tagsList(repo)).containsExactly("v1");
    }

    @Test
    void removingTheRepositoryRemovesAllItsAttributes() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        patch(repo, "{\"readEnabled\": false, \"listEnabled\": false}");
        expect(http.delete("/acr/v1/" + repo), 202);
        http.pushImage(repo, "v1", "one");

        expect(http.get("/v2/" + repo + "/manifests/v1"), 200);
        assertThat(names(json(http.get("/v2/_catalog")).path("repositories"), null)).contains(repo);
    }

    @Test
    void unlockingRestoresWrites() {
        String repo = newRepository();
        http.pushImage(repo, "v1", "one");
        patch(repo + "/_tags/v1", "{\"writeEnabled\": false}");
        assertDenied(http.putManifest(repo, "v1", http.imageManifest(repo, "two")), "tag " + repo + ":v1 is locked: writeEnabled is false");
        patch(repo + "/_tags/v1", "{\"writeEnabled\": true}");
        http.pushImage(repo, "v1", "two");
        expect(http.delete("/v2/" + repo + "/manifests/v1"), 202);
    }
}
