package dev.slipway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/** A small OCI distribution client over {@code java.net.http} for the integration tests. */
final class RegistryHttp {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    static final String ACCEPT_ALL = OCI_MANIFEST + ", application/vnd.oci.image.index.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";

    private final Supplier<URI> base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();

    /** {@code base} is asked on every request, so a server restarted on another port is followed. */
    RegistryHttp(Supplier<URI> base) {
        this.base = base;
    }

    HttpResponse<byte[]> send(String method, String pathOrUri, byte[] body, String... headers) throws IOException {
        URI uri = pathOrUri.startsWith("http") ? URI.create(pathOrUri) : base.get().resolve(pathOrUri);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException {
        return send("GET", path, null, headers);
    }

    /** POST + PUT with the whole blob in the PUT; returns the PUT response. */
    HttpResponse<byte[]> pushBlobPostPut(String repo, byte[] blob) throws IOException {
        HttpResponse<byte[]> post = expect(send("POST", "/v2/" + repo + "/blobs/uploads/", null), 202);
        String location = post.headers().firstValue("Location").orElseThrow();
        return send("PUT", withDigest(location, sha256(blob)), blob, "Content-Type", "application/octet-stream");
    }

    /** A single {@code POST ?digest=} carrying the whole blob; returns its response. */
    HttpResponse<byte[]> pushBlobSinglePost(String repo, byte[] blob) throws IOException {
        return send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + sha256(blob), blob,
                "Content-Type", "application/octet-stream");
    }

    /** Pushes a blob, checks 201 and the returned digest. */
    String pushBlob(String repo, byte[] blob) throws IOException {
        HttpResponse<byte[]> r = expect(pushBlobPostPut(repo, blob), 201);
        String digest = sha256(blob);
        if (!digest.equals(r.headers().firstValue("Docker-Content-Digest").orElse(digest))) {
            throw new IllegalStateException("registry answered digest " + r.headers().firstValue("Docker-Content-Digest")
                    + " for " + digest);
        }
        return digest;
    }

    HttpResponse<byte[]> putManifest(String repo, String reference, byte[] manifest) throws IOException {
        return send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest, "Content-Type", OCI_MANIFEST);
    }

    /** An OCI image manifest naming a config and layers (each as digest + size). */
    static byte[] imageManifest(String configDigest, long configSize, List<String> layerDigests, List<Long> layerSizes) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"schemaVersion\":2,\"mediaType\":\"").append(OCI_MANIFEST).append("\",")
                .append("\"config\":{\"mediaType\":\"").append(OCI_CONFIG).append("\",\"digest\":\"").append(configDigest)
                .append("\",\"size\":").append(configSize).append("},\"layers\":[");
        for (int i = 0; i < layerDigests.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"mediaType\":\"").append(OCI_LAYER).append("\",\"digest\":\"").append(layerDigests.get(i))
                    .append("\",\"size\":").append(layerSizes.get(i)).append('}');
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> expect(HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw new UnexpectedStatus(r, status);
        }
        return r;
    }

    static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response with a status the caller did not expect (not an I/O failure); its message carries the body. */
    static final class UnexpectedStatus extends IllegalStateException {
        final int status;

        UnexpectedStatus(HttpResponse<byte[]> r, int expected) {
            super(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + " (expected " + expected + "): "
                    + new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8));
            this.status = r.statusCode();
        }
    }
}
