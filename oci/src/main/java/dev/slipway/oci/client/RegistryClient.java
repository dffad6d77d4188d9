package dev.slipway.oci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import dev.slipway.oci.Manifest;
import dev.slipway.oci.ManifestParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small pull client for one repository of a registry ({@code java.net.http}): manifests and blobs, with the
 * Distribution auth dance (a 401's {@code WWW-Authenticate: Basic} or {@code Bearer realm,service,scope}).
 * Loopback registries are spoken to over plain HTTP (as Docker treats 127.0.0.0/8), others over HTTPS.
 */
public final class RegistryClient {
    /** How to authenticate: a ready bearer token, a username and password, or nothing. */
    public sealed interface Credentials {
        record Anonymous() implements Credentials { }
        record Token(String token) implements Credentials { }
        record Basic(String username, String password) implements Credentials { }
    }

    /** A manifest and its exact bytes. */
    public record Pulled(Manifest manifest, byte[] bytes, String mediaType) { }

    private static final String ACCEPT = String.join(", ", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String repository;
    private final Credentials credentials;
    private String authorization;

    public RegistryClient(String registry, String repository, Credentials credentials) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
        this.base = URI.create((isLoopback(registry) ? "http://" : "https://") + registry + "/v2/" + repository + "/");
        this.repository = repository;
        this.credentials = credentials;
        this.authorization = switch (credentials) {
            case Credentials.Token t -> "Bearer " + t.token();
            case Credentials.Basic b -> basic(b);
            case Credentials.Anonymous a -> null;
        };
    }

    static boolean isLoopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    public Pulled manifest(String reference) throws IOException {
        HttpResponse<byte[]> r = send("manifests/" + reference, HttpResponse.BodyHandlers.ofByteArray(), ACCEPT);
        if (r.statusCode() != 200) {
            throw new IOException("GET manifest " + repository + ":" + reference + " returned " + r.statusCode()
                    + ": " + new String(r.body(), StandardCharsets.UTF_8).strip());
        }
        String type = r.headers().firstValue("Content-Type").orElse(null);
        if (Digest.looksLikeDigest(reference) && !Digest.of(Digest.parse(reference).algorithm(), r.body()).equals(Digest.parse(reference))) {
            throw new IOException("the manifest of " + repository + "@" + reference + " does not match its digest");
        }
        Manifest m = ManifestParser.parse(r.body(), type);
        return new Pulled(m, r.body(), m.mediaType());
    }

    /** The blob's content; reading it to the end checks the digest (an IOException when it does not match). */
    public InputStream blob(Digest digest) throws IOException {
        HttpResponse<InputStream> r = send("blobs/" + digest, HttpResponse.BodyHandlers.ofInputStream(), "*/*");
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException("GET blob " + repository + "@" + digest + " returned " + r.statusCode());
        }
        Digest expected = digest;
        return new DigestInputStream(r.body(), digest.newMessageDigest()) {
            private boolean checked;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                check(n);
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = super.read();
                check(n);
                return n;
            }

            private void check(int n) throws IOException {
                if (n < 0 && !checked) {
                    checked = true;
                    if (!Digest.from(expected.algorithm(), getMessageDigest()).equals(expected)) {
                        throw new IOException("the blob " + expected + " does not match its digest");
                    }
                }
            }
        };
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler, String accept) throws IOException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                    .header("Accept", accept).GET();
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            HttpResponse<T> r = call(b.build(), handler);
            if (r.statusCode() != 401 || attempt > 0) {
                return r;
            }
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            if (r.body() instanceof InputStream in) {
                in.close();
            }
            String next = answer(challenge);
            if (next == null || next.equals(authorization)) {
                return r;
            }
            authorization = next;
        }
    }

    private String answer(String challenge) throws IOException {
        String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            return credentials instanceof Credentials.Basic b ? basic(b) : null;
        }
        if (!scheme.equals("bearer")) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            return null;
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        url.append("scope=").append(enc(params.getOrDefault("scope", "repository:" + repository + ":pull")));
        if (params.containsKey("service")) {
            url.append("&service=").append(enc(params.get("service")));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(60)).GET();
        if (credentials instanceof Credentials.Basic basic) {
            b.header("Authorization", basic(basic));
        }
        HttpResponse<String> r = call(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the token service " + realm + " returned " + r.statusCode());
        }
        JsonNode token = JSON.readTree(r.body());
        String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText(null);
        return value == null ? null : "Bearer " + value;
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri().getHost());
        }
    }

    private static String basic(Credentials.Basic b) {
        return "Basic " + Base64.getEncoder().encodeToString((b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
