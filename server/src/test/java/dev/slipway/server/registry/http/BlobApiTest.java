package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.bytes;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import dev.slipway.server.registry.http.RegistryServer.Blob;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v2/<name>/blobs/<digest>}: pull, HEAD, ranges, delete, repository scoping and cross-repository mounts. */
class BlobApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    private static final byte[] CONTENT = bytes("0123456789abcdefghijklmnopqrstuvwxyz");
    private static final String UNKNOWN = "sha256:" + "ab".repeat(32);

    @Test
    void getReturnsTheExactBytesWithDigestAndLength() {
        Blob blob = registry.pushBlob("blobs/get", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/get/blobs/" + blob.digest());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(CONTENT);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(blob.digest().toString());
        assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(CONTENT.length));
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @Test
    void headReturnsLengthAndDigestWithoutBody() {
        Blob blob = registry.pushBlob("blobs/head", CONTENT);

        HttpResponse<byte[]> r = registry.head("/v2/blobs/head/blobs/" + blob.digest());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(CONTENT.length));
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(blob.digest().toString());
    }

    @Test
    void rangeReturnsPartialContent() {
        Blob blob = registry.pushBlob("blobs/range", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/range/blobs/" + blob.digest(), "Range", "bytes=0-9");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(bytes("0123456789"));
        assertThat(header(r, "Content-Range")).isEqualTo("bytes 0-9/" + CONTENT.length);
        assertThat(header(r, "Content-Length")).isEqualTo("10");
    }

    @Test
    void rangeInTheMiddleReturnsThoseBytes() {
        Blob blob = registry.pushBlob("blobs/range", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/range/blobs/" + blob.digest(), "Range", "bytes=10-12");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(bytes("abc"));
        assertThat(header(r, "Content-Range")).isEqualTo("bytes 10-12/" + CONTENT.length);
    }

    @Test
    void suffixRangeReturnsTheLastBytes() {
        Blob blob = registry.pushBlob("blobs/range", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/range/blobs/" + blob.digest(), "Range", "bytes=-5");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 5, CONTENT.length));
        assertThat(header(r, "Content-Range")).isEqualTo("bytes " + (CONTENT.length - 5) + "-" + (CONTENT.length - 1) + "/" + CONTENT.length);
    }

    @Test
    void unsatisfiableRangeIs416() {
        Blob blob = registry.pushBlob("blobs/range", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/range/blobs/" + blob.digest(), "Range", "bytes=1000-2000");

        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(header(r, "Content-Range")).isEqualTo("bytes */" + CONTENT.length);
    }

    @Test
    void unknownBlobIs404BlobUnknown() {
        registry.pushBlob("blobs/unknown", CONTENT);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/unknown/blobs/" + UNKNOWN);

        assertThat(assertError(r, 404, "BLOB_UNKNOWN").path("detail").path("digest").asText()).isEqualTo(UNKNOWN);
        assertThat(registry.head("/v2/blobs/unknown/blobs/" + UNKNOWN).statusCode()).isEqualTo(404);
    }

    @Test
    void blobOfUnknownRepositoryIs404BlobUnknown() {
        assertError(registry.get("/v2/never/pushed/blobs/" + UNKNOWN), 404, "BLOB_UNKNOWN");
    }

    @Test
    void invalidDigestIs400DigestInvalid() {
        assertError(registry.get("/v2/blobs/bad/blobs/sha256:xyz"), 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/blobs/bad/blobs/md5:d41d8cd98f00b204e9800998ecf8427e"), 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/blobs/bad/blobs/" + UNKNOWN.toUpperCase().replace("SHA256", "sha256")), 400,
                "DIGEST_INVALID");
    }

    @Test
    void blobIsScopedToItsRepositoryUntilMounted() {
        Blob blob = registry.pushBlob("scope/a", bytes("only in a"));

        assertError(registry.get("/v2/scope/b/blobs/" + blob.digest()), 404, "BLOB_UNKNOWN");
        assertThat(registry.head("/v2/scope/b/blobs/" + blob.digest()).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> mount = registry.post("/v2/scope/b/blobs/uploads/?mount=" + blob.digest() + "&from=scope/a", new byte[0]);

        assertThat(mount.statusCode()).isEqualTo(201);
        assertThat(header(mount, "Location")).isEqualTo("/v2/scope/b/blobs/" + blob.digest());
        assertThat(header(mount, "Docker-Content-Digest")).isEqualTo(blob.digest().toString());
        HttpResponse<byte[]> r = registry.get("/v2/scope/b/blobs/" + blob.digest());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes("only in a"));
    }

    @Test
    void mountOfUnknownBlobFallsBackToAnUploadSession() {
        HttpResponse<byte[]> r = registry.post("/v2/mount/target/blobs/uploads/?mount=" + UNKNOWN + "&from=mount/source", new byte[0]);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(header(r, "Location")).startsWith("/v2/mount/target/blobs/uploads/");
        assertThat(header(r, "Docker-Upload-UUID")).isNotBlank();
        assertThat(registry.get(header(r, "Location")).statusCode()).isEqualTo(204);
        assertThat(registry.head("/v2/mount/target/blobs/" + UNKNOWN).statusCode()).isEqualTo(404);
    }

    @Test
    void mountFromARepositoryThatLacksTheBlobFallsBackToAnUploadSession() {
        Blob blob = registry.pushBlob("mount/holder", bytes("held elsewhere"));

        HttpResponse<byte[]> r = registry.post("/v2/mount/target2/blobs/uploads/?mount=" + blob.digest() + "&from=mount/empty",
                new byte[0]);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(registry.head("/v2/mount/target2/blobs/" + blob.digest()).statusCode()).isEqualTo(404);
    }

    @Test
    void automaticMountWithoutFromFindsTheBlobElsewhere() {
        Blob blob = registry.pushBlob("auto/source", bytes("auto mounted"));

        HttpResponse<byte[]> r = registry.post("/v2/auto/target/blobs/uploads/?mount=" + blob.digest(), new byte[0]);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(blob.digest().toString());
        assertThat(registry.get("/v2/auto/target/blobs/" + blob.digest()).body()).isEqualTo(bytes("auto mounted"));
    }

    @Test
    void mountWithInvalidDigestIs400() {
        assertError(registry.post("/v2/mount/bad/blobs/uploads/?mount=sha256:nope&from=auto/source", new byte[0]), 400,
                "DIGEST_INVALID");
    }

    @Test
    void mountFromInvalidRepositoryNameIs400() {
        Blob blob = registry.pushBlob("mount/valid", bytes("mount from a bad name"));

        assertError(registry.post("/v2/mount/valid2/blobs/uploads/?mount=" + blob.digest() + "&from=Bad", new byte[0]), 400,
                "NAME_INVALID");
    }

    @Test
    void deleteBlobIs202ThenTheBlobIsUnknown() {
        Blob blob = registry.pushBlob("blobs/delete", bytes("to be deleted"));

        HttpResponse<byte[]> r = registry.delete("/v2/blobs/delete/blobs/" + blob.digest());

        assertThat(r.statusCode()).isEqualTo(202);
        assertError(registry.get("/v2/blobs/delete/blobs/" + blob.digest()), 404, "BLOB_UNKNOWN");
        assertError(registry.delete("/v2/blobs/delete/blobs/" + blob.digest()), 404, "BLOB_UNKNOWN");
    }

    @Test
    void deleteInOneRepositoryKeepsTheBlobInAnother() {
        byte[] content = bytes("shared by two repositories");
        Blob blob = registry.pushBlob("shared/one", content);
        registry.pushBlob("shared/two", content);

        assertThat(registry.delete("/v2/shared/one/blobs/" + blob.digest()).statusCode()).isEqualTo(202);

        assertThat(registry.head("/v2/shared/one/blobs/" + blob.digest()).statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/shared/two/blobs/" + blob.digest()).body()).isEqualTo(content);
    }

    @Test
    void sha512BlobsCanBePushedAndPulled() {
        byte[] content = bytes("hashed with sha512");
        Digest digest = Digest.of("sha512", content);

        HttpResponse<byte[]> put = registry.post("/v2/blobs/sha512/blobs/uploads/?digest=" + digest, content);

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(header(put, "Docker-Content-Digest")).isEqualTo(digest.toString());
        HttpResponse<byte[]> r = registry.get("/v2/blobs/sha512/blobs/" + digest);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
    }

    @Test
    void largeBlobInChunksComesBackIntactAndInRanges() {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        int split = 2 * 1024 * 1024;
        HttpResponse<byte[]> start = registry.post("/v2/blobs/large/blobs/uploads/", new byte[0]);
        String location = header(start, "Location");
        assertThat(registry.patch(location, Arrays.copyOfRange(content, 0, split), "Content-Range", "0-" + (split - 1)).statusCode())
                .isEqualTo(202);
        Digest digest = Digest.sha256(content);
        assertThat(registry.put(location + "?digest=" + digest, Arrays.copyOfRange(content, split, content.length)).statusCode())
                .isEqualTo(201);

        HttpResponse<byte[]> whole = registry.get("/v2/blobs/large/blobs/" + digest);
        HttpResponse<byte[]> across = registry.get("/v2/blobs/large/blobs/" + digest, "Range", "bytes=" + (split - 5) + "-" + (split + 4));

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(Digest.sha256(whole.body())).isEqualTo(digest);
        assertThat(across.statusCode()).isEqualTo(206);
        assertThat(across.body()).isEqualTo(Arrays.copyOfRange(content, split - 5, split + 5));
    }

    @Test
    void emptyBlobCanBePushedAndPulled() {
        Blob blob = registry.pushBlob("blobs/empty", new byte[0]);

        HttpResponse<byte[]> r = registry.get("/v2/blobs/empty/blobs/" + blob.digest());

        assertThat(blob.digest().toString()).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "Content-Length")).isEqualTo("0");
    }
}
