package dev.slipway.server.tasks;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.server.SlipwayServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** The run API of a test server, as the admin. */
final class RunsClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String authorization;

    RunsClient(SlipwayServer server, Path dataDir) throws IOException {
        this.base = server.baseUri();
        String password = JSON.readTree(Files.readString(dataDir.resolve("admin-credentials.json"))).get("password").asText();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    String authorization() {
        return authorization;
    }

    String registry() {
        return base.getAuthority();
    }

    HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Object json) throws Exception {
        return send("POST", path, json == null ? null : JSON.writeValueAsBytes(json));
    }

    JsonNode json(HttpResponse<String> r, int expected) throws IOException {
        if (r.statusCode() != expected) {
            throw new AssertionError("expected " + expected + " but got " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    JsonNode create(Object request) throws Exception {
        return json(post("/api/runs", request), 201);
    }

    /** A quick run of one cmd (the scripted executor's command language). */
    String cmd(String cmd) throws Exception {
        return create(Map.of("runType", "QuickRun", "cmd", cmd)).get("runId").asText();
    }

    JsonNode get(String id) throws Exception {
        return json(send("GET", "/api/runs/" + id, null), 200);
    }

    JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(id), r -> r.get("status").asText().equals(status));
    }

    String log(String id, String query) throws Exception {
        HttpResponse<String> r = send("GET", "/api/runs/" + id + "/log" + query, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("log of " + id + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    String upload(byte[] tarGz) throws Exception {
        return json(send("POST", "/api/runs/contexts", tarGz), 201).get("sourceLocation").asText();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A tar.gz of name → content; a content starting with {@code ->} makes a symbolic link. */
    static byte[] tarGz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                if (e.getValue().startsWith("->")) {
                    TarArchiveEntry link = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK, true);
                    link.setLinkName(e.getValue().substring(2));
                    tar.putArchiveEntry(link);
                } else {
                    byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry file = new TarArchiveEntry(e.getKey(), true);
                    file.setSize(content.length);
                    tar.putArchiveEntry(file);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
