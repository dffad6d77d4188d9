package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.OCI_EMPTY;
import static dev.slipway.server.registry.http.RegistryServer.OCI_INDEX;
import static dev.slipway.server.registry.http.RegistryServer.OCI_MANIFEST;
import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static dev.slipway.server.registry.http.RegistryServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.oci.Digest;
import dev.slipway.server.registry.http.RegistryServer.Blob;
import dev.slipway.server.registry.http.RegistryServer.Pushed;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v2/<name>/referrers/<digest>}: the OCI 1.1 referrers API. */
class ReferrersApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    private static final String SIG = "application/vnd.example.signature";
    private static final String SBOM = "application/vnd.example.sbom";

    @Test
    void listsManifestsWhoseSubjectIsTheDigest() {
        Pushed image = registry.pushImage("ref/all", "v1", "ref-all");
        Pushed sig = pushReferrer("ref/all", image, SIG, "{\"org.example.signer\":\"alice\"}");
        Pushed sbom = pushReferrer("ref/all", image, SBOM, null);
        Pushed byConfig = pushReferrerWithConfigType("ref/all", image, "application/vnd.example.config.v1+json");
        Pushed index = pushIndexReferrer("ref/all", image, "application/vnd.example.bundle");
        pushReferrer("ref/all", registry.pushImage("ref/all", "other", "ref-other"), SIG, null);

        HttpResponse<byte[]> r = registry.get("/v2/ref/all/referrers/" + image.digest());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
        assertThat(header(r, "OCI-Filters-Applied")).isNull();
        JsonNode body = json(r);
        assertThat(body.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(body.path("mediaType").asText()).isEqualTo(OCI_INDEX);
        assertThat(digests(body)).containsExactlyInAnyOrder(sig.digest().toString(), sbom.digest().toString(),
                byConfig.digest().toString(), index.digest().toString());

        JsonNode sigEntry = entry(body, sig);
        assertThat(sigEntry.path("mediaType").asText()).isEqualTo(OCI_MANIFEST);
        assertThat(sigEntry.path("size").asLong()).isEqualTo(sig.bytes().length);
        assertThat(sigEntry.path("artifactType").asText()).isEqualTo(SIG);
        assertThat(sigEntry.path("annotations").path("org.example.signer").asText()).isEqualTo("alice");
        assertThat(entry(body, sbom).has("annotations")).isFalse();
        assertThat(entry(body, sbom).path("artifactType").asText()).isEqualTo(SBOM);
        assertThat(entry(body, byConfig).path("artifactType").asText()).isEqualTo("application/vnd.example.config.v1+json");
        assertThat(entry(body, index).path("mediaType").asText()).isEqualTo(OCI_INDEX);
        assertThat(entry(body, index).path("artifactType").asText()).isEqualTo("application/vnd.example.bundle");
        assertThat(entry(body, index).path("size").asLong()).isEqualTo(index.bytes().length);
    }

    @Test
    void artifactTypeFiltersAndIsReported() {
        Pushed image = registry.pushImage("ref/filter", "v1", "ref-filter");
        Pushed sig = pushReferrer("ref/filter", image, SIG, null);
        pushReferrer("ref/filter", image, SBOM, null);

        HttpResponse<byte[]> r = registry.get("/v2/ref/filter/referrers/" + image.digest() + "?artifactType=" + SIG);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "OCI-Filters-Applied")).isEqualTo("artifactType");
        assertThat(digests(json(r))).containsExactly(sig.digest().toString());
    }

    @Test
    void filterWithoutMatchesGivesAnEmptyList() {
        Pushed image = registry.pushImage("ref/nomatch", "v1", "ref-nomatch");
        pushReferrer("ref/nomatch", image, SIG, null);

        HttpResponse<byte[]> r = registry.get("/v2/ref/nomatch/referrers/" + image.digest() + "?artifactType=application/none");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "OCI-Filters-Applied")).isEqualTo("artifactType");
        assertThat(json(r).get("manifests")).isEmpty();
    }

    @Test
    void unknownSubjectGivesAnEmptyIndex() {
        registry.pushImage("ref/empty", "v1", "ref-empty");

        for (String repository : new String[] {"ref/empty", "ref/never-pushed"}) {
            HttpResponse<byte[]> r = registry.get("/v2/" + repository + "/referrers/sha256:" + "ef".repeat(32));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
            JsonNode body = json(r);
            assertThat(body.path("schemaVersion").asInt()).isEqualTo(2);
            assertThat(body.get("manifests").isArray()).isTrue();
            assertThat(body.get("manifests")).isEmpty();
        }
    }

    @Test
    void referrersOfAnotherRepositoryAreNotListed() {
        Pushed image = registry.pushImage("ref/one", "v1", "ref-shared");
        Pushed same = registry.pushImage("ref/two", "v1", "ref-shared");
        pushReferrer("ref/two", same, SIG, null);

        HttpResponse<byte[]> r = registry.get("/v2/ref/one/referrers/" + image.digest());

        assertThat(json(r).get("manifests")).isEmpty();
    }

    @Test
    void referrerDisappearsWhenDeletedByDigestButNotWhenUntagged() {
        Pushed image = registry.pushImage("ref/delete", "v1", "ref-delete");
        Pushed kept = pushReferrer("ref/delete", image, SIG, null);
        Pushed deleted = pushReferrer("ref/delete", image, SBOM, null);
        registry.pushManifest("ref/delete", "sig-tag", OCI_MANIFEST, kept.bytes());

        assertThat(registry.delete("/v2/ref/delete/manifests/" + deleted.digest()).statusCode()).isEqualTo(202);
        assertThat(registry.delete("/v2/ref/delete/manifests/sig-tag").statusCode()).isEqualTo(202);

        assertThat(digests(json(registry.get("/v2/ref/delete/referrers/" + image.digest())))).containsExactly(kept.digest().toString());
    }

    @Test
    void headIsAnsweredWithoutBody() {
        Pushed image = registry.pushImage("ref/head", "v1", "ref-head");

        HttpResponse<byte[]> r = registry.head("/v2/ref/head/referrers/" + image.digest());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
    }

    @Test
    void invalidDigestIs400() {
        assertError(registry.get("/v2/ref/bad/referrers/sha256:nothex"), 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/ref/bad/referrers/latest"), 400, "DIGEST_INVALID");
    }

    /** An artifact with the empty config, an explicit artifactType and optional annotations, pushed by digest. */
    private static Pushed pushReferrer(String repository, Pushed subject, String artifactType, String annotationsJson) {
        Blob empty = registry.pushBlob(repository, "{}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType + "\","
                + "\"config\":" + empty.descriptor(OCI_EMPTY) + ",\"layers\":[" + empty.descriptor(OCI_EMPTY) + "],"
                + "\"subject\":" + subject.descriptor()
                + (annotationsJson == null ? "" : ",\"annotations\":" + annotationsJson) + "}";
        return pushByDigest(repository, OCI_MANIFEST, manifest);
    }

    /** An image manifest without artifactType: its config media type is its artifact type. */
    private static Pushed pushReferrerWithConfigType(String repository, Pushed subject, String configType) {
        Blob config = registry.pushBlob(repository, "{\"kind\":\"config-typed\"}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(configType)
                + ",\"layers\":[],\"subject\":" + subject.descriptor() + "}";
        return pushByDigest(repository, OCI_MANIFEST, manifest);
    }

    private static Pushed pushIndexReferrer(String repository, Pushed subject, String artifactType) {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"artifactType\":\"" + artifactType + "\","
                + "\"manifests\":[" + subject.descriptor() + "],\"subject\":" + subject.descriptor() + "}";
        return pushByDigest(repository, OCI_INDEX, index);
    }

    private static Pushed pushByDigest(String repository, String mediaType, String manifest) {
        Digest digest = Digest.sha256(RegistryServer.bytes(manifest));
        Pushed pushed = registry.pushManifest(repository, digest.toString(), mediaType, manifest);
        return pushed;
    }

    private static List<String> digests(JsonNode index) {
        List<String> out = new ArrayList<>();
        index.get("manifests").forEach(m -> out.add(m.path("digest").asText()));
        return out;
    }

    private static JsonNode entry(JsonNode index, Pushed pushed) {
        for (JsonNode m : index.get("manifests")) {
            if (m.path("digest").asText().equals(pushed.digest().toString())) {
                return m;
            }
        }
        throw new AssertionError(pushed.digest() + " is not in " + index);
    }
}
