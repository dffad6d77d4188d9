package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.bytes;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v2/<name>/blobs/uploads/…}: monolithic, POST-then-PUT, chunked and streamed uploads, status, cancel, restart. */
class UploadApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    private static final byte[] CONTENT = bytes("The quick brown fox jumps over the lazy dog, twice over.");

    @Test
    void monolithicPostWithDigestCreatesTheBlob() {
        Digest digest = Digest.sha256(CONTENT);

        HttpResponse<byte[]> r = registry.post("/v2/up/mono/blobs/uploads/?digest=" + digest, CONTENT,
                "Content-Type", "application/octet-stream");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Location")).isEqualTo("/v2/up/mono/blobs/" + digest);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
        assertThat(registry.get("/v2/up/mono/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    @Test
    void postStartsASessionWithLocationUuidAndChunkMinimum() {
        HttpResponse<byte[]> r = registry.post("/v2/up/start/blobs/uploads/", new byte[0]);

        assertThat(r.statusCode()).isEqualTo(202);
        String uuid = header(r, "Docker-Upload-UUID");
        assertThat(uuid).matches("[0-9a-f-]{36}");
        assertThat(header(r, "Location")).isEqualTo("/v2/up/start/blobs/uploads/" + uuid);
        assertThat(header(r, "Range")).isEqualTo("0-0");
        assertThat(header(r, "OCI-Chunk-Min-Length")).isNotNull();
        assertThat(Long.parseLong(header(r, "OCI-Chunk-Min-Length"))).isPositive();
    }

    @Test
    void postWithoutTrailingSlashAlsoStartsASession() {
        HttpResponse<byte[]> r = registry.post("/v2/up/start/blobs/uploads", new byte[0]);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(header(r, "Docker-Upload-UUID")).isNotBlank();
    }

    @Test
    void postThenPutWithTheWholeBody() {
        String location = start("up/postput");
        Digest digest = Digest.sha256(CONTENT);

        HttpResponse<byte[]> r = registry.put(location + "?digest=" + digest, CONTENT, "Content-Type", "application/octet-stream");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Location")).isEqualTo("/v2/up/postput/blobs/" + digest);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
        assertThat(registry.get("/v2/up/postput/blobs/" + digest).body()).isEqualTo(CONTENT);
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void chunksInOrderWithContentRangeThenEmptyPut() {
        String location = start("up/chunked");
        byte[] first = Arrays.copyOfRange(CONTENT, 0, 20);
        byte[] second = Arrays.copyOfRange(CONTENT, 20, CONTENT.length);

        HttpResponse<byte[]> p1 = registry.patch(location, first, "Content-Range", "0-19", "Content-Type", "application/octet-stream");
        assertThat(p1.statusCode()).isEqualTo(202);
        assertThat(header(p1, "Range")).isEqualTo("0-19");
        assertThat(header(p1, "Location")).isEqualTo(location);
        assertThat(header(p1, "Docker-Upload-UUID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));

        HttpResponse<byte[]> p2 = registry.patch(location, second, "Content-Range", "20-" + (CONTENT.length - 1));
        assertThat(p2.statusCode()).isEqualTo(202);
        assertThat(header(p2, "Range")).isEqualTo("0-" + (CONTENT.length - 1));

        Digest digest = Digest.sha256(CONTENT);
        HttpResponse<byte[]> done = registry.put(location + "?digest=" + digest, new byte[0]);
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/up/chunked/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    @Test
    void lastChunkMayComeWithThePut() {
        String location = start("up/lastput");
        registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "0-9");
        Digest digest = Digest.sha256(CONTENT);

        HttpResponse<byte[]> r = registry.put(location + "?digest=" + digest, Arrays.copyOfRange(CONTENT, 10, CONTENT.length));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/up/lastput/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    @Test
    void contentRangeWithBytesPrefixAndTotalIsAccepted() {
        String location = start("up/prefix");

        HttpResponse<byte[]> r = registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 5), "Content-Range", "bytes 0-4/*");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(header(r, "Range")).isEqualTo("0-4");
    }

    @Test
    void outOfOrderChunkIs416AndTheUploadIsUnchanged() {
        String location = start("up/order");
        registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "0-9");

        HttpResponse<byte[]> skip = registry.patch(location, Arrays.copyOfRange(CONTENT, 20, 30), "Content-Range", "20-29");
        HttpResponse<byte[]> repeat = registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "0-9");

        assertError(skip, 416, "BLOB_UPLOAD_INVALID");
        assertError(repeat, 416, "BLOB_UPLOAD_INVALID");
        HttpResponse<byte[]> status = registry.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(header(status, "Range")).isEqualTo("0-9");
    }

    @Test
    void contentRangeDisagreeingWithTheBodyLengthIs416() {
        String location = start("up/length");

        assertError(registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "0-4"), 416, "BLOB_UPLOAD_INVALID");
        assertError(registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "nonsense"), 416,
                "BLOB_UPLOAD_INVALID");
        assertThat(header(registry.get(location), "Range")).isEqualTo("0-0");
    }

    @Test
    void patchWithoutContentRangeStreamsTheBody() {
        String location = start("up/stream");
        Digest digest = Digest.sha256(CONTENT);

        HttpResponse<byte[]> r = registry.send("PATCH", location,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(CONTENT)), "Content-Type", "application/octet-stream");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(header(r, "Range")).isEqualTo("0-" + (CONTENT.length - 1));
        assertThat(registry.put(location + "?digest=" + digest, new byte[0]).statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/up/stream/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    @Test
    void statusReportsTheBytesReceived() {
        String location = start("up/status");
        registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 7));

        HttpResponse<byte[]> r = registry.get(location);

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Range")).isEqualTo("0-6");
        assertThat(header(r, "Docker-Upload-UUID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(header(r, "Location")).isEqualTo(location);
    }

    @Test
    void cancelIs204ThenTheUploadIsUnknown() {
        String location = start("up/cancel");
        registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 7));

        HttpResponse<byte[]> r = registry.delete(location);

        assertThat(r.statusCode()).isEqualTo(204);
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.patch(location, CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.put(location + "?digest=" + Digest.sha256(CONTENT), CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void unknownOrMalformedUploadIdIs404() {
        assertError(registry.get("/v2/up/nothing/blobs/uploads/0b4f1a6e-63a4-4b5e-9d3c-7f0e6a1c2d3b"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.get("/v2/up/nothing/blobs/uploads/not-a-uuid"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.patch("/v2/up/nothing/blobs/uploads/slipway.db", CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void uploadIsOnlyReachableThroughItsRepository() {
        String location = start("up/owner");
        String id = location.substring(location.lastIndexOf('/') + 1);

        assertError(registry.get("/v2/up/intruder/blobs/uploads/" + id), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(registry.patch("/v2/up/intruder/blobs/uploads/" + id, CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(registry.get(location).statusCode()).isEqualTo(204);
    }

    @Test
    void wrongDigestOnPutIs400AndNoBlobExists() {
        String location = start("up/wrong");
        Digest claimed = Digest.sha256(bytes("something else"));

        HttpResponse<byte[]> r = registry.put(location + "?digest=" + claimed, CONTENT);

        assertError(r, 400, "DIGEST_INVALID");
        assertThat(registry.head("/v2/up/wrong/blobs/" + claimed).statusCode()).isEqualTo(404);
        assertThat(registry.head("/v2/up/wrong/blobs/" + Digest.sha256(CONTENT)).statusCode()).isEqualTo(404);
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void wrongDigestOnMonolithicPostIs400AndNoBlobExists() {
        Digest claimed = Digest.sha256(bytes("not the content"));

        assertError(registry.post("/v2/up/wrongmono/blobs/uploads/?digest=" + claimed, CONTENT), 400, "DIGEST_INVALID");

        assertThat(registry.head("/v2/up/wrongmono/blobs/" + claimed).statusCode()).isEqualTo(404);
        assertThat(registry.head("/v2/up/wrongmono/blobs/" + Digest.sha256(CONTENT)).statusCode()).isEqualTo(404);
    }

    @Test
    void putWithoutOrWithInvalidDigestIs400() {
        String location = start("up/nodigest");

        assertError(registry.put(location, CONTENT), 400, "DIGEST_INVALID");
        assertError(registry.put(location + "?digest=sha256:1234", CONTENT), 400, "DIGEST_INVALID");
        assertError(registry.post("/v2/up/nodigest/blobs/uploads/?digest=banana", CONTENT), 400, "DIGEST_INVALID");
    }

    @Test
    void sha512DigestIsVerifiedOnChunkedUploads() {
        String location = start("up/sha512");
        registry.patch(location, Arrays.copyOfRange(CONTENT, 0, 10), "Content-Range", "0-9");
        Digest digest = Digest.of("sha512", CONTENT);

        HttpResponse<byte[]> r = registry.put(location + "?digest=" + digest, Arrays.copyOfRange(CONTENT, 10, CONTENT.length));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest.toString());
        assertThat(registry.get("/v2/up/sha512/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    @Test
    void wrongSha512DigestIsRejected() {
        String location = start("up/sha512wrong");
        Digest claimed = Digest.of("sha512", bytes("other"));

        assertError(registry.put(location + "?digest=" + claimed, CONTENT), 400, "DIGEST_INVALID");
        assertThat(registry.head("/v2/up/sha512wrong/blobs/" + claimed).statusCode()).isEqualTo(404);
    }

    @Test
    void pushingExistingContentAgainSucceedsAndDropsTheUploadFile() throws Exception {
        Digest digest = Digest.sha256(CONTENT);
        registry.pushBlob("up/again", CONTENT);

        String location = start("up/again");
        HttpResponse<byte[]> r = registry.put(location + "?digest=" + digest, CONTENT);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/up/again/blobs/" + digest).body()).isEqualTo(CONTENT);
        assertThat(registry.dataDir().resolve("uploads").resolve(location.substring(location.lastIndexOf('/') + 1))).doesNotExist();
    }

    @Test
    void uploadResumesAfterARestart() throws Exception {
        String location = start("up/restart");
        byte[] first = Arrays.copyOfRange(CONTENT, 0, 25);
        byte[] second = Arrays.copyOfRange(CONTENT, 25, CONTENT.length);
        assertThat(registry.patch(location, first, "Content-Range", "0-24").statusCode()).isEqualTo(202);

        registry.restart();

        HttpResponse<byte[]> status = registry.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(header(status, "Range")).isEqualTo("0-24");
        HttpResponse<byte[]> p2 = registry.patch(location, second, "Content-Range", "25-" + (CONTENT.length - 1));
        assertThat(p2.statusCode()).isEqualTo(202);
        Digest digest = Digest.sha256(CONTENT);
        assertThat(registry.put(location + "?digest=" + digest, new byte[0]).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> blob = registry.get("/v2/up/restart/blobs/" + digest);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(CONTENT);
    }

    @Test
    void uploadResumesAfterAConnectionDropsMidChunk() throws Exception {
        String location = start("up/dropped");
        byte[] first = Arrays.copyOfRange(CONTENT, 0, 20);

        // slf4j-simple logs to whatever System.err is at the time: the server must not report the client's departure as its failure.
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            registry.sendTruncated("PATCH", location, CONTENT.length, first);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<byte[]> status = registry.get(location);
                assertThat(status.statusCode()).isEqualTo(204);
                assertThat(header(status, "Range")).isEqualTo("0-19");
            });
        } finally {
            System.setErr(stderr);
            stderr.print(log.toString(StandardCharsets.UTF_8));
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("ERROR");
        HttpResponse<byte[]> rest = registry.patch(location, Arrays.copyOfRange(CONTENT, 20, CONTENT.length),
                "Content-Range", "20-" + (CONTENT.length - 1));
        assertThat(rest.statusCode()).isEqualTo(202);
        Digest digest = Digest.sha256(CONTENT);
        assertThat(registry.put(location + "?digest=" + digest, new byte[0]).statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/up/dropped/blobs/" + digest).body()).isEqualTo(CONTENT);
    }

    /** Starts an upload session and returns its Location. */
    private static String start(String repository) {
        HttpResponse<byte[]> r = registry.post("/v2/" + repository + "/blobs/uploads/", new byte[0]);
        assertThat(r.statusCode()).isEqualTo(202);
        return header(r, "Location");
    }
}
