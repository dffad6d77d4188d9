package dev.slipway.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled purge removes abandoned upload sessions (row and file) and leaves finished blobs alone. */
class UploadPurgeTest {
    @TempDir
    Path dir;

    @Test
    void abandonedUploadsArePurgedAfterTheConfiguredAge() throws Exception {
        ServerConfig config = new ServerConfig(dir, "127.0.0.1", 0, Duration.ofSeconds(1), Duration.ofMillis(200))
                .withAuth(false);
        HttpClient http = HttpClient.newHttpClient();
        try (SlipwayServer server = SlipwayServer.start(config)) {
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/purge/me/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(202);
            String location = started.headers().firstValue("Location").orElseThrow();
            String id = started.headers().firstValue("Docker-Upload-UUID").orElseThrow();
            http.send(HttpRequest.newBuilder(server.baseUri().resolve(location)).method("PATCH",
                    HttpRequest.BodyPublishers.ofString("partial")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Files.exists(dir.resolve("uploads").resolve(id))).isTrue();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(server.baseUri().resolve(location)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(status.statusCode()).isEqualTo(404);
                assertThat(status.body()).contains("BLOB_UPLOAD_UNKNOWN");
            });
            assertThat(Files.exists(dir.resolve("uploads").resolve(id))).isFalse();
        }
    }
}
