package dev.slipway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** A real Slipway server on a free port (auth on), and raw HTTP calls to check what the CLI changed. */
final class TestRegistry implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final SlipwayServer server;
    final String adminPassword;
    final String adminPassword2;

    private TestRegistry(SlipwayServer server, String adminPassword, String adminPassword2) {
        this.server = server;
        this.adminPassword = adminPassword;
        this.adminPassword2 = adminPassword2;
    }

    static TestRegistry start(Path dataDir) throws Exception {
        return start(dataDir, dev.slipway.runner.exec.RunExecutor.onDocker());
    }

    /** A server whose runs execute on {@code executor}. */
    static TestRegistry start(Path dataDir, dev.slipway.runner.exec.TaskExecutor executor) throws Exception {
        return start(ServerConfig.defaults(dataDir).withPort(0), executor);
    }

    /** A server on HTTPS with the certificate {@code serve --tls-self-signed} writes to {@code DATA/tls/self-signed.crt}. */
    static TestRegistry startTlsSelfSigned(Path dataDir) throws Exception {
        return start(ServerConfig.defaults(dataDir).withPort(0).withTls(new dev.slipway.server.tls.TlsSource.SelfSigned()),
                new FakeExecutor());
    }

    private static TestRegistry start(ServerConfig config, dev.slipway.runner.exec.TaskExecutor executor) throws Exception {
        Path dataDir = config.dataDir();
        SlipwayServer s = SlipwayServer.start(config, executor);
        var creds = new ObjectMapper().readTree(Files.readString(dataDir.resolve("admin-credentials.json")));
        return new TestRegistry(s, creds.get("password").asText(), creds.get("password2").asText());
    }

    String hostPort() {
        return "localhost:" + server.port();
    }

    /** The status of a GET with Basic credentials (null user: anonymous). */
    int get(String path, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + hostPort() + path)).GET();
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Pushes a tiny OCI image (config + one layer) as the admin; returns the manifest digest. */
    String push(String repository, String tag) throws IOException, InterruptedException {
        return push(hostPort(), "admin", adminPassword, repository, tag);
    }

    static String push(String hostPort, String user, String password, String repository, String tag)
            throws IOException, InterruptedException {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : new byte[][] {config, layer}) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/" + repository + "/blobs/uploads/?digest="
                    + digest(blob))).header("Authorization", basic(user, password))
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build();
            int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 201) {
                throw new IllegalStateException("blob upload to " + repository + " answered " + status);
            }
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + digest(layer) + "\",\"size\":" + layer.length + "}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/" + repository + "/manifests/" + tag))
                .header("Authorization", basic(user, password)).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build();
        int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 201) {
            throw new IllegalStateException("manifest push to " + repository + " answered " + status);
        }
        return digest(manifest.getBytes(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
