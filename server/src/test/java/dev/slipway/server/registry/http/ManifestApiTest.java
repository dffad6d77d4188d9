package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.DOCKER_CONFIG;
import static dev.slipway.server.registry.http.RegistryServer.DOCKER_LAYER;
import static dev.slipway.server.registry.http.RegistryServer.DOCKER_LIST;
import static dev.slipway.server.registry.http.RegistryServer.DOCKER_MANIFEST;
import static dev.slipway.server.registry.http.RegistryServer.OCI_CONFIG;
import static dev.slipway.server.registry.http.RegistryServer.OCI_EMPTY;
import static dev.slipway.server.registry.http.RegistryServer.OCI_INDEX;
import static dev.slipway.server.registry.http.RegistryServer.OCI_LAYER;
import static dev.slipway.server.registry.http.RegistryServer.OCI_MANIFEST;
import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.bytes;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static dev.slipway.server.registry.http.RegistryServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import dev.slipway.server.registry.http.RegistryServer.Blob;
import dev.slipway.server.registry.http.RegistryServer.Pushed;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v2/<name>/manifests/<reference>}: every manifest kind, exact bytes, validation, tags and deletes. */
class ManifestApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    private static final String UNKNOWN = "sha256:" + "cd".repeat(32);

    @Test
    void ociImageManifestComesBackByteForByte() {
        Blob config = registry.pushBlob("man/oci", "{\"os\":\"linux\"}");
        Blob layer = registry.pushBlob("man/oci", "layer bytes");
        String manifest = "{\n   \"layers\" : [ " + layer.descriptor(OCI_LAYER) + " ],\n\t\"schemaVersion\":2,"
                + "\"config\":   " + config.descriptor(OCI_CONFIG) + ",  \"mediaType\": \"" + OCI_MANIFEST + "\" }\n\n";

        HttpResponse<byte[]> put = registry.put("/v2/man/oci/manifests/v1", bytes(manifest), "Content-Type", OCI_MANIFEST);

        Digest digest = Digest.sha256(bytes(manifest));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(header(put, "Location")).isEqualTo("/v2/man/oci/manifests/" + digest);
        assertThat(header(put, "Docker-Content-Digest")).isEqualTo(digest.toString());
        assertThat(header(put, "OCI-Subject")).isNull();
        assertPullable("man/oci", "v1", OCI_MANIFEST, bytes(manifest));
        assertPullable("man/oci", digest.toString(), OCI_MANIFEST, bytes(manifest));
    }

    @Test
    void ociIndexComesBackByteForByte() {
        Pushed amd = registry.pushImage("man/index", "amd", "index-amd64");
        Pushed arm = registry.pushImage("man/index", "arm", "index-arm64");
        String index = "{\"manifests\":[\n  " + amd.descriptor() + ",\n  " + arm.descriptor() + "\n],"
                + "\"mediaType\":\"" + OCI_INDEX + "\",   \"schemaVersion\":2, \"annotations\":{\"b\":\"2\",\"a\":\"1\"}}";

        Pushed pushed = registry.pushManifest("man/index", "multi", OCI_INDEX, index);

        assertPullable("man/index", "multi", OCI_INDEX, pushed.bytes());
        assertPullable("man/index", pushed.digest().toString(), OCI_INDEX, pushed.bytes());
    }

    @Test
    void dockerSchema2ManifestComesBackByteForByte() {
        Blob config = registry.pushBlob("man/docker", "{\"architecture\":\"amd64\"}");
        Blob layer = registry.pushBlob("man/docker", "docker layer");
        String manifest = "{\"schemaVersion\": 2,\r\n \"mediaType\": \"" + DOCKER_MANIFEST + "\",\"config\":"
                + config.descriptor(DOCKER_CONFIG) + ",\"layers\":[" + layer.descriptor(DOCKER_LAYER) + "]}";

        Pushed pushed = registry.pushManifest("man/docker", "latest", DOCKER_MANIFEST, manifest);

        assertPullable("man/docker", "latest", DOCKER_MANIFEST, pushed.bytes());
    }

    @Test
    void dockerManifestListComesBackByteForByte() {
        Blob config = registry.pushBlob("man/dlist", "{\"architecture\":\"arm64\"}");
        Blob layer = registry.pushBlob("man/dlist", "docker arm layer");
        Pushed child = registry.pushManifest("man/dlist", "arm", DOCKER_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\""
                + DOCKER_MANIFEST + "\",\"config\":" + config.descriptor(DOCKER_CONFIG) + ",\"layers\":[" + layer.descriptor(DOCKER_LAYER) + "]}");
        String list = "{ \"schemaVersion\":2,\"mediaType\":\"" + DOCKER_LIST + "\",\"manifests\":[{\"mediaType\":\"" + DOCKER_MANIFEST
                + "\",\"size\":" + child.bytes().length + ",\"digest\":\"" + child.digest()
                + "\",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}] }";

        Pushed pushed = registry.pushManifest("man/dlist", "latest", DOCKER_LIST, list);

        assertPullable("man/dlist", "latest", DOCKER_LIST, pushed.bytes());
    }

    @Test
    void artifactWithEmptyConfigComesBackByteForByte() {
        Blob empty = registry.pushBlob("man/artifact", "{}");
        Blob payload = registry.pushBlob("man/artifact", "an sbom");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example.sbom\","
                + "\"config\":" + empty.descriptor(OCI_EMPTY) + ",\"layers\":[" + payload.descriptor("application/spdx+json") + "]}";

        Pushed pushed = registry.pushManifest("man/artifact", "sbom", OCI_MANIFEST, manifest);

        assertThat(empty.digest().toString()).isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(empty.size()).isEqualTo(2);
        assertPullable("man/artifact", "sbom", OCI_MANIFEST, pushed.bytes());
    }

    @Test
    void mediaTypeComesFromContentTypeWhenTheBodyHasNone() {
        Blob config = registry.pushBlob("man/nomediatype", "{\"x\":1}");
        String manifest = "{\"schemaVersion\":2,\"config\":" + config.descriptor(OCI_CONFIG) + ",\"layers\":[]}";

        Pushed pushed = registry.pushManifest("man/nomediatype", "v1", OCI_MANIFEST, manifest);

        assertPullable("man/nomediatype", "v1", OCI_MANIFEST, pushed.bytes());
    }

    @Test
    void headByTagAndByDigestDescribesWithoutBody() {
        Pushed pushed = registry.pushImage("man/head", "v1", "head");

        for (String reference : new String[] {"v1", pushed.digest().toString()}) {
            HttpResponse<byte[]> r = registry.head("/v2/man/head/manifests/" + reference);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(header(r, "Content-Type")).isEqualTo(OCI_MANIFEST);
            assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(pushed.bytes().length));
            assertThat(header(r, "Docker-Content-Digest")).isEqualTo(pushed.digest().toString());
        }
    }

    @Test
    void putByMatchingDigestIsAcceptedWithoutATag() {
        Blob config = registry.pushBlob("man/bydigest", "{\"by\":\"digest\"}");
        byte[] manifest = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}");
        Digest digest = Digest.sha256(manifest);

        HttpResponse<byte[]> r = registry.put("/v2/man/bydigest/manifests/" + digest, manifest, "Content-Type", OCI_MANIFEST);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
        assertPullable("man/bydigest", digest.toString(), OCI_MANIFEST, manifest);
        assertThat(json(registry.get("/v2/man/bydigest/tags/list")).get("tags")).isEmpty();
    }

    @Test
    void putBySha512DigestIsAccepted() {
        Blob config = registry.pushBlob("man/sha512", "{\"by\":\"sha512\"}");
        byte[] manifest = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}");
        Digest digest = Digest.of("sha512", manifest);

        HttpResponse<byte[]> r = registry.put("/v2/man/sha512/manifests/" + digest, manifest, "Content-Type", OCI_MANIFEST);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
        HttpResponse<byte[]> get = registry.get("/v2/man/sha512/manifests/" + digest);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(manifest);
    }

    @Test
    void putByMismatchingDigestIs400DigestInvalid() {
        Blob config = registry.pushBlob("man/mismatch", "{\"mis\":\"match\"}");
        byte[] manifest = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}");

        assertError(registry.put("/v2/man/mismatch/manifests/" + UNKNOWN, manifest, "Content-Type", OCI_MANIFEST), 400, "DIGEST_INVALID");

        assertError(registry.get("/v2/man/mismatch/manifests/" + UNKNOWN), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/mismatch/manifests/" + Digest.sha256(manifest)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void putByInvalidDigestIs400DigestInvalid() {
        assertError(registry.put("/v2/man/baddigest/manifests/sha256:abc", bytes("{}"), "Content-Type", OCI_MANIFEST), 400,
                "DIGEST_INVALID");
        assertError(registry.get("/v2/man/baddigest/manifests/md5:abc"), 400, "DIGEST_INVALID");
    }

    @Test
    void missingLayerIs400ManifestBlobUnknown() {
        Blob config = registry.pushBlob("man/missing", "{\"missing\":\"layer\"}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG)
                + ",\"layers\":[{\"mediaType\":\"" + OCI_LAYER + "\",\"digest\":\"" + UNKNOWN + "\",\"size\":5}]}";

        HttpResponse<byte[]> r = registry.put("/v2/man/missing/manifests/v1", bytes(manifest), "Content-Type", OCI_MANIFEST);

        assertThat(assertError(r, 400, "MANIFEST_BLOB_UNKNOWN").path("detail").path("digest").asText()).isEqualTo(UNKNOWN);
        assertError(registry.get("/v2/man/missing/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void missingConfigIs400ManifestBlobUnknown() {
        Blob layer = registry.pushBlob("man/missing", "a present layer");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + OCI_CONFIG
                + "\",\"digest\":\"" + UNKNOWN + "\",\"size\":5},\"layers\":[" + layer.descriptor(OCI_LAYER) + "]}";

        HttpResponse<byte[]> r = registry.put("/v2/man/missing/manifests/v2", bytes(manifest), "Content-Type", OCI_MANIFEST);

        assertError(r, 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void blobsOfAnotherRepositoryDoNotCount() {
        Blob config = registry.pushBlob("man/elsewhere", "{\"elsewhere\":true}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}";

        assertError(registry.put("/v2/man/here/manifests/v1", bytes(manifest), "Content-Type", OCI_MANIFEST), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void foreignLayersNeedNotBePresent() {
        Blob config = registry.pushBlob("man/foreign", "{\"os\":\"windows\"}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_MANIFEST + "\",\"config\":" + config.descriptor(DOCKER_CONFIG)
                + ",\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\",\"digest\":\"" + UNKNOWN
                + "\",\"size\":100,\"urls\":[\"https://example.com/layer\"]}]}";

        Pushed pushed = registry.pushManifest("man/foreign", "v1", DOCKER_MANIFEST, manifest);

        assertPullable("man/foreign", "v1", DOCKER_MANIFEST, pushed.bytes());
    }

    @Test
    void indexWithMissingChildIs400ManifestBlobUnknown() {
        Pushed present = registry.pushImage("man/badindex", "present", "badindex");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + present.descriptor()
                + ",{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + UNKNOWN + "\",\"size\":10}]}";

        HttpResponse<byte[]> r = registry.put("/v2/man/badindex/manifests/multi", bytes(index), "Content-Type", OCI_INDEX);

        assertThat(assertError(r, 400, "MANIFEST_BLOB_UNKNOWN").path("detail").path("digest").asText()).isEqualTo(UNKNOWN);
    }

    @Test
    void invalidJsonIs400ManifestInvalid() {
        assertError(registry.put("/v2/man/invalid/manifests/v1", bytes("{\"schemaVersion\":2,"), "Content-Type", OCI_MANIFEST), 400,
                "MANIFEST_INVALID");
        assertError(registry.put("/v2/man/invalid/manifests/v1", bytes("[1,2]"), "Content-Type", OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(registry.put("/v2/man/invalid/manifests/v1", new byte[0], "Content-Type", OCI_MANIFEST), 400, "MANIFEST_INVALID");
    }

    @Test
    void schemaVersion1Is400ManifestInvalid() {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"man/invalid\",\"tag\":\"v1\",\"architecture\":\"amd64\","
                + "\"fsLayers\":[{\"blobSum\":\"" + UNKNOWN + "\"}],\"history\":[]}";

        assertError(registry.put("/v2/man/invalid/manifests/v1", bytes(schema1), "Content-Type", "application/json"), 400,
                "MANIFEST_INVALID");
        assertError(registry.put("/v2/man/invalid/manifests/v1", bytes(schema1),
                "Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"), 400, "MANIFEST_INVALID");
        Blob config = registry.pushBlob("man/invalid", "{\"v\":1}");
        assertError(registry.put("/v2/man/invalid/manifests/v1", bytes("{\"schemaVersion\":1,\"mediaType\":\"" + OCI_MANIFEST
                + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}"), "Content-Type", OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(registry.get("/v2/man/invalid/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void contentTypeDisagreeingWithMediaTypeIs400() {
        Blob config = registry.pushBlob("man/ctype", "{\"c\":\"t\"}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}";

        assertError(registry.put("/v2/man/ctype/manifests/v1", bytes(manifest), "Content-Type", DOCKER_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(registry.get("/v2/man/ctype/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void manifestOverFourMebibytesIs413() {
        byte[] body = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<byte[]> r = registry.put("/v2/man/large/manifests/v1", body, "Content-Type", OCI_MANIFEST);

        assertError(r, 413, "SIZE_INVALID");
    }

    @Test
    void streamedManifestOverFourMebibytesIs413() {
        byte[] body = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<byte[]> r = registry.send("PUT", "/v2/man/large/manifests/streamed",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "Content-Type", OCI_MANIFEST);

        assertError(r, 413, "SIZE_INVALID");
    }

    @Test
    void manifestOfExactlyFourMebibytesIsAccepted() {
        Blob config = registry.pushBlob("man/large", "{\"large\":true}");
        byte[] json = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG) + "}");
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(json, 0, body, 0, json.length);

        Pushed pushed = registry.pushManifest("man/large", "v1", OCI_MANIFEST, body);

        assertPullable("man/large", "v1", OCI_MANIFEST, pushed.bytes());
    }

    @Test
    void subjectIsEchoedInOciSubject() {
        Pushed image = registry.pushImage("man/subject", "v1", "subject");
        Blob empty = registry.pushBlob("man/subject", "{}");
        String signature = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example.sig\","
                + "\"config\":" + empty.descriptor(OCI_EMPTY) + ",\"layers\":[" + empty.descriptor(OCI_EMPTY) + "],"
                + "\"subject\":" + image.descriptor() + "}";

        HttpResponse<byte[]> r = registry.put("/v2/man/subject/manifests/" + Digest.sha256(bytes(signature)), bytes(signature),
                "Content-Type", OCI_MANIFEST);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "OCI-Subject")).isEqualTo(image.digest().toString());
        HttpResponse<byte[]> get = registry.get("/v2/man/subject/manifests/" + Digest.sha256(bytes(signature)));
        assertThat(header(get, "OCI-Subject")).isEqualTo(image.digest().toString());
    }

    @Test
    void subjectNeedNotExist() {
        Blob empty = registry.pushBlob("man/subject", "{}");
        String signature = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example.sig\","
                + "\"config\":" + empty.descriptor(OCI_EMPTY) + ",\"layers\":[],"
                + "\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + UNKNOWN + "\",\"size\":123}}";

        HttpResponse<byte[]> r = registry.put("/v2/man/subject/manifests/sig", bytes(signature), "Content-Type", OCI_MANIFEST);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "OCI-Subject")).isEqualTo(UNKNOWN);
    }

    @Test
    void deleteByDigestRemovesTheManifestAndAllItsTags() {
        Pushed pushed = registry.pushImage("man/delete", "a", "delete");
        registry.pushManifest("man/delete", "b", OCI_MANIFEST, pushed.bytes());
        Pushed other = registry.pushImage("man/delete", "c", "delete-other");
        // Pull by tag first so that any cached tag lookups must be dropped by the delete.
        assertThat(registry.get("/v2/man/delete/manifests/a").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> r = registry.delete("/v2/man/delete/manifests/" + pushed.digest());

        assertThat(r.statusCode()).isEqualTo(202);
        assertError(registry.get("/v2/man/delete/manifests/" + pushed.digest()), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/delete/manifests/a"), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/delete/manifests/b"), 404, "MANIFEST_UNKNOWN");
        assertThat(registry.head("/v2/man/delete/manifests/a").statusCode()).isEqualTo(404);
        assertThat(json(registry.get("/v2/man/delete/tags/list")).get("tags")).extracting(n -> n.asText()).containsExactly("c");
        assertPullable("man/delete", "c", OCI_MANIFEST, other.bytes());
        assertError(registry.delete("/v2/man/delete/manifests/" + pushed.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void deleteByDigestInOneRepositoryKeepsTheSameManifestInAnother() {
        Pushed one = registry.pushImage("man/del1", "v1", "shared-manifest");
        Pushed two = registry.pushImage("man/del2", "v1", "shared-manifest");
        assertThat(two.digest()).isEqualTo(one.digest());

        assertThat(registry.delete("/v2/man/del1/manifests/" + one.digest()).statusCode()).isEqualTo(202);

        assertThat(registry.head("/v2/man/del1/manifests/v1").statusCode()).isEqualTo(404);
        assertPullable("man/del2", "v1", OCI_MANIFEST, two.bytes());
    }

    @Test
    void deletedManifestCanBePushedAgain() {
        Pushed pushed = registry.pushImage("man/repush", "v1", "repush");
        assertThat(registry.delete("/v2/man/repush/manifests/" + pushed.digest()).statusCode()).isEqualTo(202);

        registry.pushManifest("man/repush", "v2", OCI_MANIFEST, pushed.bytes());

        assertPullable("man/repush", "v2", OCI_MANIFEST, pushed.bytes());
        assertThat(registry.head("/v2/man/repush/manifests/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteByTagRemovesOnlyThatTag() {
        Pushed pushed = registry.pushImage("man/untag", "a", "untag");
        registry.pushManifest("man/untag", "b", OCI_MANIFEST, pushed.bytes());
        assertThat(registry.get("/v2/man/untag/manifests/a").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> r = registry.delete("/v2/man/untag/manifests/a");

        assertThat(r.statusCode()).isEqualTo(202);
        assertError(registry.get("/v2/man/untag/manifests/a"), 404, "MANIFEST_UNKNOWN");
        assertPullable("man/untag", "b", OCI_MANIFEST, pushed.bytes());
        assertPullable("man/untag", pushed.digest().toString(), OCI_MANIFEST, pushed.bytes());
        assertThat(json(registry.get("/v2/man/untag/tags/list")).get("tags")).extracting(n -> n.asText()).containsExactly("b");
        assertError(registry.delete("/v2/man/untag/manifests/a"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void repushingATagMovesIt() {
        Pushed first = registry.pushImage("man/move", "latest", "move-1");
        assertPullable("man/move", "latest", OCI_MANIFEST, first.bytes());

        Pushed second = registry.pushImage("man/move", "latest", "move-2");

        assertThat(second.digest()).isNotEqualTo(first.digest());
        assertPullable("man/move", "latest", OCI_MANIFEST, second.bytes());
        assertThat(header(registry.head("/v2/man/move/manifests/latest"), "Docker-Content-Digest")).isEqualTo(second.digest().toString());
        assertPullable("man/move", first.digest().toString(), OCI_MANIFEST, first.bytes());
    }

    @Test
    void unknownManifestIs404ManifestUnknown() {
        registry.pushImage("man/unknown", "v1", "unknown");

        assertError(registry.get("/v2/man/unknown/manifests/v2"), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/unknown/manifests/" + UNKNOWN), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/never/manifests/v1"), 404, "MANIFEST_UNKNOWN");
        assertThat(registry.head("/v2/man/unknown/manifests/v2").statusCode()).isEqualTo(404);
        assertError(registry.delete("/v2/man/unknown/manifests/v2"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void manifestIsScopedToItsRepository() {
        Pushed pushed = registry.pushImage("man/scope-a", "v1", "scope");

        assertError(registry.get("/v2/man/scope-b/manifests/" + pushed.digest()), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/man/scope-b/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void invalidTagIs400TagInvalid() {
        Pushed pushed = registry.pushImage("man/tags", "ok", "tags");

        assertError(registry.put("/v2/man/tags/manifests/-dash", pushed.bytes(), "Content-Type", OCI_MANIFEST), 400, "TAG_INVALID");
        assertError(registry.put("/v2/man/tags/manifests/.dot", pushed.bytes(), "Content-Type", OCI_MANIFEST), 400, "TAG_INVALID");
        assertError(registry.put("/v2/man/tags/manifests/" + "t".repeat(129), pushed.bytes(), "Content-Type", OCI_MANIFEST), 400,
                "TAG_INVALID");
        assertError(registry.get("/v2/man/tags/manifests/-dash"), 400, "TAG_INVALID");
        assertError(registry.delete("/v2/man/tags/manifests/-dash"), 400, "TAG_INVALID");
        registry.pushManifest("man/tags", "t".repeat(128), OCI_MANIFEST, pushed.bytes());
    }

    @Test
    void invalidRepositoryNameIs400NameInvalid() {
        Pushed pushed = registry.pushImage("man/names", "ok", "names");

        assertError(registry.put("/v2/Man/Names/manifests/ok", pushed.bytes(), "Content-Type", OCI_MANIFEST), 400, "NAME_INVALID");
        assertError(registry.get("/v2/man/../names/manifests/ok"), 400, "NAME_INVALID");
        assertError(registry.get("/v2/man/names//manifests/ok"), 400, "NAME_INVALID");
        assertError(registry.delete("/v2/man.-names/manifests/ok"), 400, "NAME_INVALID");
    }

    @Test
    void percentEncodedPathIsDecoded() {
        Pushed pushed = registry.pushImage("man/encoded", "v1", "encoded");

        HttpResponse<byte[]> byTag = registry.get("/v2/man/%65ncoded/manifests/%76%31");
        HttpResponse<byte[]> byDigest = registry.get("/v2/man/encoded/manifests/" + pushed.digest().toString().replace(":", "%3A"));

        assertThat(byTag.statusCode()).isEqualTo(200);
        assertThat(byTag.body()).isEqualTo(pushed.bytes());
        assertThat(byDigest.statusCode()).isEqualTo(200);
        assertThat(header(byDigest, "Docker-Content-Digest")).isEqualTo(pushed.digest().toString());
        Blob blob = registry.pushBlob("man/encoded", "encoded blob");
        assertThat(registry.head("/v2/man/encoded/blobs/" + blob.digest().toString().replace(":", "%3a")).statusCode()).isEqualTo(200);
    }

    private static void assertPullable(String repository, String reference, String mediaType, byte[] expected) {
        HttpResponse<byte[]> r = registry.get("/v2/" + repository + "/manifests/" + reference, "Accept", mediaType);
        assertThat(r.statusCode()).as("GET %s:%s", repository, reference).isEqualTo(200);
        assertThat(r.body()).isEqualTo(expected);
        assertThat(header(r, "Content-Type")).isEqualTo(mediaType);
        assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(expected.length));
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(Digest.sha256(expected).toString());
    }
}
