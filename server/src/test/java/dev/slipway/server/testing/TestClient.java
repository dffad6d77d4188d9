package dev.slipway.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw HTTP against a test server (java.net.http), with a helper that pushes a tiny image. */
public final class TestClient {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String authorization;

    public TestClient(URI base) {
        this(base, null);
    }

    private TestClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client sending {@code Authorization: <value>}. */
    public TestClient withAuthorization(String value) {
        return new TestClient(base, value);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> head(String path) {
        return send("HEAD", path, null, null);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, null);
    }

    public HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> put(String path, String contentType, byte[] body) {
        return send("PUT", path, contentType, body);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send("POST", path, contentType, body);
    }

    public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a blob in one request; returns its digest. */
    public Digest putBlob(String repository, byte[] content) {
        Digest d = Digest.sha256(content);
        HttpResponse<String> r = post("/v2/" + repository + "/blobs/uploads/?digest=" + d, "application/octet-stream", content);
        expect(r, 201);
        return d;
    }

    /** The manifest of a one-layer image whose content depends on {@code seed}; its blobs are uploaded. */
    public byte[] imageManifest(String repository, String seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        Digest c = putBlob(repository, config);
        Digest l = putBlob(repository, layer);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + l + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a tiny image to {@code repository:reference}; returns the manifest digest. */
    public Digest pushImage(String repository, String reference, String seed) {
        byte[] manifest = imageManifest(repository, seed);
        expect(putManifest(repository, reference, manifest), 201);
        return Digest.sha256(manifest);
    }

    public HttpResponse<String> putManifest(String repository, String reference, byte[] manifest) {
        return put("/v2/" + repository + "/manifests/" + reference, OCI_MANIFEST, manifest);
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    /** The first error's code and message, as {@code CODE: message}. */
    public static String error(HttpResponse<String> r) {
        JsonNode e = json(r).path("errors").path(0);
        return e.path("code").asText() + ": " + e.path("message").asText();
    }

    public static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.request().uri() + ": expected " + status + " but got "
                    + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
