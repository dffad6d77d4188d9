package dev.slipway.server.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Slipway server on a free port with its own data directory, for one test class
 * ({@code @RegisterExtension static final RegistryServer registry = new RegistryServer();}), and a small
 * /v2 client to push and pull with.
 */
final class RegistryServer implements BeforeAllCallback, AfterAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private SlipwayServer server;

    /** A blob that is in a repository, ready to be named by a descriptor. */
    record Blob(Digest digest, long size) {
        String descriptor(String mediaType) {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    /** A manifest that was pushed: its digest and exact bytes. */
    record Pushed(Digest digest, String mediaType, byte[] bytes) {
        String descriptor() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + bytes.length + "}";
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = TestDirs.create("slipway-api-");
        server = SlipwayServer.start(ServerConfig.defaults(dataDir).withPort(0).withAuth(false));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (http) {
            if (server != null) {
                server.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stops the server and starts a new one on the same data directory (a new port). */
    void restart() throws Exception {
        server.close();
        server = SlipwayServer.start(ServerConfig.defaults(dataDir).withPort(0).withAuth(false));
    }

    Path dataDir() {
        return dataDir;
    }

    // ---- plain HTTP

    HttpResponse<byte[]> send(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        return send(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body), headers);
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, (byte[]) null, headers);
    }

    HttpResponse<byte[]> head(String path, String... headers) {
        return send("HEAD", path, (byte[]) null, headers);
    }

    HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, (byte[]) null);
    }

    HttpResponse<byte[]> post(String path, byte[] body, String... headers) {
        return send("POST", path, body, headers);
    }

    HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
        return send("PUT", path, body, headers);
    }

    HttpResponse<byte[]> patch(String path, byte[] body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    /** Sends a request line as is (java.net.http refuses malformed URIs) and returns the response's status. */
    int rawStatus(String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    /** Sends raw bytes on a fresh connection and returns the first line of the answer (null if none). */
    String rawFirstLine(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    /**
     * Sends a request whose body stops short of its Content-Length, then drops the connection, as a client
     * that dies mid-upload does.
     */
    void sendTruncated(String method, String target, int declaredLength, byte[] sent) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + declaredLength + "\r\n\r\n"));
            out.write(sent);
            out.flush();
        }
    }

    // ---- pushing

    /** Pushes a blob monolithically ({@code POST ?digest=}). */
    Blob pushBlob(String repository, byte[] content) {
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> r = post("/v2/" + repository + "/blobs/uploads/?digest=" + digest, content,
                "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).as("push blob to %s: %s", repository, text(r)).isEqualTo(201);
        return new Blob(digest, content.length);
    }

    Blob pushBlob(String repository, String content) {
        return pushBlob(repository, bytes(content));
    }

    /** Pushes manifest bytes under a tag or digest reference with the given Content-Type; expects 201. */
    Pushed pushManifest(String repository, String reference, String mediaType, byte[] content) {
        HttpResponse<byte[]> r = put("/v2/" + repository + "/manifests/" + reference, content, "Content-Type", mediaType);
        assertThat(r.statusCode()).as("push manifest %s:%s: %s", repository, reference, text(r)).isEqualTo(201);
        Digest digest = Digest.sha256(content);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
        return new Pushed(digest, mediaType, content);
    }

    Pushed pushManifest(String repository, String reference, String mediaType, String content) {
        return pushManifest(repository, reference, mediaType, bytes(content));
    }

    /** Pushes a config blob, one layer and an OCI image manifest naming them; {@code seed} makes it unique. */
    Pushed pushImage(String repository, String reference, String seed) {
        Blob config = pushBlob(repository, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}");
        Blob layer = pushBlob(repository, "layer of " + seed);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.descriptor(OCI_CONFIG)
                + ",\"layers\":[" + layer.descriptor(OCI_LAYER) + "]}";
        return pushManifest(repository, reference, OCI_MANIFEST, manifest);
    }

    // ---- reading responses

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("response is not JSON: " + text(r), e);
        }
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** Asserts the status and the spec's error body {@code {"errors":[{"code","message","detail"}]}}. */
    static JsonNode assertError(HttpResponse<byte[]> r, int status, String code) {
        assertThat(r.statusCode()).as("status of %s", text(r)).isEqualTo(status);
        assertThat(header(r, "Content-Type")).startsWith("application/json");
        JsonNode errors = json(r).get("errors");
        assertThat(errors).as("errors in %s", text(r)).isNotNull();
        assertThat(errors.isArray()).isTrue();
        assertThat(errors).hasSize(1);
        JsonNode error = errors.get(0);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("detail")).as("detail in %s", text(r)).isTrue();
        return error;
    }
}
