package dev.slipway.cli;

import static dev.slipway.cli.RegistryHttp.expect;
import static dev.slipway.cli.RegistryHttp.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM: the server finishes the request in flight, closes its stores and exits promptly with status 0; started
 * again on the same data directory it serves what was pushed before. A second SIGTERM during the stop ends it at once.
 */
class GracefulShutdownIT {
    @TempDir
    Path work;

    @Test
    void sigtermFinishesInFlightRequestsAndARestartServesThePushedImage() throws Exception {
        Random rnd = new Random();
        try (ServerProcess server = ServerProcess.start(work, "--auth", "none")) {
            RegistryHttp http = new RegistryHttp(server::baseUri);
            byte[] layer = new byte[300_000];
            rnd.nextBytes(layer);
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes();
            String layerDigest = http.pushBlob("graceful/app", layer);
            String configDigest = http.pushBlob("graceful/app", config);
            byte[] manifest = RegistryHttp.imageManifest(configDigest, config.length, List.of(layerDigest), List.of((long) layer.length));
            expect(http.putManifest("graceful/app", "v1", manifest), 201);

            // A chunk that is still streaming when SIGTERM arrives.
            byte[] chunk = new byte[1024 * 1024];
            rnd.nextBytes(chunk);
            String location = expect(http.send("POST", "/v2/graceful/app/blobs/uploads/", null), 202)
                    .headers().firstValue("Location").orElseThrow();
            AtomicLong sent = new AtomicLong();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> patch = client.sendAsync(HttpRequest.newBuilder(server.baseUri().resolve(location))
                            .header("Content-Type", "application/octet-stream").header("Content-Range", "0-" + (chunk.length - 1))
                            .method("PATCH", BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> slowly(chunk, sent)),
                                    chunk.length)).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() >= 128 * 1024);

            long t0 = System.nanoTime();
            int status = server.stop(Duration.ofSeconds(20));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String log = server.logText();
            System.out.println("GracefulShutdownIT: exit status " + status + " " + tookMillis + " ms after SIGTERM");

            // A graceful stop is a success (not 143 = 128 + SIGTERM, the JVM's own status after a signal).
            assertThat(status).as("exit status after SIGTERM; log:\n%s", log).isZero();
            assertThat(tookMillis).as("time from SIGTERM to exit").isLessThan(8_000);
            String unexpected = log.lines().filter(l -> !l.contains("authentication is OFF (--auth none)"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(unexpected).as("server log").doesNotContain("Exception", "ERROR", "WARN");
            HttpResponse<String> patched = patch.get(10, TimeUnit.SECONDS);
            assertThat(patched.statusCode()).as("PATCH in flight during SIGTERM: %s", patched.body()).isEqualTo(202);
            assertThat(patched.headers().firstValue("Range")).contains("0-" + (chunk.length - 1));
            Path wal = server.dataDir().resolve("slipway.db-wal");
            assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("SQLite WAL checkpointed and closed").isTrue();

            long t1 = System.nanoTime();
            server.restart();
            System.out.println("GracefulShutdownIT: restarted in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) + " ms");
            for (String ref : List.of("v1", sha256(manifest))) {
                HttpResponse<byte[]> m = http.get("/v2/graceful/app/manifests/" + ref, "Accept", RegistryHttp.OCI_MANIFEST);
                assertThat(m.statusCode()).isEqualTo(200);
                assertThat(m.body()).isEqualTo(manifest);
            }
            assertThat(http.get("/v2/graceful/app/blobs/" + layerDigest).body()).isEqualTo(layer);
            assertThat(http.get("/v2/graceful/app/blobs/" + configDigest).body()).isEqualTo(config);
            // The chunk accepted during shutdown is still part of the upload, which can be finished now.
            HttpResponse<byte[]> upload = expect(http.get(location), 204);
            assertThat(upload.headers().firstValue("Range")).contains("0-" + (chunk.length - 1));
            expect(http.send("PUT", RegistryHttp.withDigest(location, sha256(chunk)), null), 201);
            assertThat(http.get("/v2/graceful/app/blobs/" + sha256(chunk)).body()).isEqualTo(chunk);
        }
    }

    @Test
    void aSecondSigtermWhileStoppingEndsTheProcessAtOnce() throws Exception {
        try (ServerProcess server = ServerProcess.start(work, "--auth", "none")) {
            RegistryHttp http = new RegistryHttp(server::baseUri);
            String location = expect(http.send("POST", "/v2/graceful/slow/blobs/uploads/", null), 202)
                    .headers().firstValue("Location").orElseThrow();
            // An upload that would take a minute keeps the graceful stop waiting (up to its 10 s timeout).
            byte[] chunk = new byte[4 * 1024 * 1024];
            AtomicLong sent = new AtomicLong();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            client.sendAsync(HttpRequest.newBuilder(server.baseUri().resolve(location))
                            .header("Content-Type", "application/octet-stream").header("Content-Range", "0-" + (chunk.length - 1))
                            .method("PATCH", BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                                    () -> slowly(chunk, sent, 4 * 1024)), chunk.length)).build(),
                    HttpResponse.BodyHandlers.discarding());
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() >= 64 * 1024);

            server.sigterm();
            assertThat(server.awaitExit(Duration.ofSeconds(1))).as("still stopping: waiting for the upload").isNull();
            long t0 = System.nanoTime();
            server.sigterm();
            Integer status = server.awaitExit(Duration.ofSeconds(5));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("GracefulShutdownIT: exit status " + status + " " + tookMillis + " ms after the second SIGTERM");
            assertThat(status).as("exit status after a second SIGTERM; log:\n%s", server.logText()).isEqualTo(143);
        }
    }

    private static InputStream slowly(byte[] bytes, AtomicLong sent) {
        return slowly(bytes, sent, 64 * 1024);
    }

    /** Streams the bytes in pieces of at most {@code piece} bytes, 15 ms apart, counting what was handed out. */
    private static InputStream slowly(byte[] bytes, AtomicLong sent, int piece) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(Math.min(len, piece), bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                sent.addAndGet(n);
                return n;
            }
        };
    }
}
