package dev.slipway.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * The CLI's HTTP client for one registry: JSON calls with the stored Basic credentials. Every failure becomes a
 * {@link CliException} carrying the server's own message; 401 says to log in again.
 */
public final class Api {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final String registry;
    private final Path caFile;

    /**
     * @param baseUrl  {@code http(s)://host:port}
     * @param registry how errors name the registry (its login name or host:port)
     * @param caFile   a PEM file whose certificates are trusted besides the JDK's CAs, or null
     */
    public Api(String baseUrl, String username, String password, String registry, Path caFile) {
        this.http = caFile == null ? Shared.HTTP : Shared.withCas(caFile);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.registry = registry;
        this.caFile = caFile;
    }

    /** One client per process (and one per set of extra CAs); {@link #shutdownNow()} stops them before the JVM exits. */
    private static final class Shared {
        static final HttpClient HTTP = builder().build();
        static final Map<List<X509Certificate>, HttpClient> WITH_CAS = new ConcurrentHashMap<>();

        /** The file is read every time (a changed or deleted file counts); clients are shared by content. */
        static HttpClient withCas(Path caFile) {
            return WITH_CAS.computeIfAbsent(Trust.certificates(caFile), certs -> builder().sslContext(Trust.context(certs)).build());
        }

        private static HttpClient.Builder builder() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL);
        }
    }

    /**
     * Stops the shared clients' selector threads. The JVM waits up to 0.3 s at exit for threads blocked in native
     * code (the selector's epoll_wait), which was a third of a short command's run time.
     */
    public static void shutdownNow() {
        Shared.HTTP.shutdownNow();
        Shared.WITH_CAS.values().forEach(HttpClient::shutdownNow);
    }

    /** A client for a stored login, trusting its CA file (else {@code SLIPWAY_CA_FILE}'s) besides the JDK's CAs. */
    public static Api of(CliConfig.Login login, Env env) {
        return new Api(login.url(), login.username(), login.password(), login.name(), Trust.caFile(login, env));
    }

    /** A response, whatever its status. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public JsonNode get(String path) {
        return json("GET", path, null);
    }

    public JsonNode put(String path, Object body) {
        return json("PUT", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return json("PATCH", path, body);
    }

    public JsonNode post(String path, Object body) {
        return json("POST", path, body);
    }

    public JsonNode delete(String path) {
        return json("DELETE", path, null);
    }

    /** Sends a request and checks the status; the JSON body, or null when there is none. */
    public JsonNode json(String method, String path, Object body) {
        Response r = send(method, path, body, Map.of());
        check(method, path, r);
        return parse(r);
    }

    /** Sends a request and returns the response as it is (connection failures still throw). */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid name in " + path);
        }
        b.header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        if (body != null) {
            try {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (HttpTimeoutException e) {
            throw e instanceof HttpConnectTimeoutException ? unreachable(e)
                    : CliException.failed(method + " " + path + " on " + registry + " timed out");
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /** The one-line error for a registry that cannot be reached (refused, timed out, TLS not trusted). */
    private CliException unreachable(IOException e) {
        CertificateException cert = certificateCause(e);
        String why = switch (e) {
            case HttpConnectTimeoutException t -> "connection timed out";
            case ConnectException c -> "connection refused";
            case SSLException s when cert != null && cert.getMessage() != null && cert.getMessage().startsWith("No ")
                    && cert.getMessage().contains(" matching ") -> "its TLS certificate is not issued for this host name ("
                    + cert.getMessage() + ")";
            case SSLException s when cert != null && caFile == null -> "certificate not trusted: pass --ca-file PEM to 'slipway"
                    + " login " + hostPort() + "' (the CA or the certificate; for serve --tls-self-signed: DATA/tls/self-signed.crt)"
                    + " or set " + Trust.ENV;
            case SSLException s when cert != null -> "certificate trusted neither by the JDK's CAs nor by " + caFile;
            case SSLException s -> "TLS failed: " + s.getMessage();
            default -> e.toString();
        };
        return CliException.failed("cannot reach " + registry + " at " + baseUrl + ": " + why);
    }

    /** Why the server's certificate was refused (no path to a trusted CA, or another host name), if it was. */
    private static CertificateException certificateCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException c) {
                return c;
            }
        }
        return null;
    }

    /** POSTs a file as {@code contentType} (streamed, no request timeout: contexts can be large); the JSON answer. */
    public JsonNode upload(String path, java.nio.file.Path file, String contentType) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofFile(file));
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response response = new Response(r.statusCode(), r.headers().map(), r.body());
            check("POST", path, response);
            return parse(response);
        } catch (java.io.FileNotFoundException e) {
            throw CliException.failed("cannot read " + file);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /** GETs a streamed body (a run's log); the caller closes it. An error status throws the server's message. */
    public java.io.InputStream stream(String path) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/plain").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() / 100 != 2) {
                byte[] body;
                try (java.io.InputStream in = r.body()) {
                    body = in.readAllBytes();
                }
                check("GET", path, new Response(r.statusCode(), r.headers().map(), body));
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /** Throws the server's error message for any status but 2xx. */
    public void check(String method, String path, Response r) {
        if (r.ok()) {
            return;
        }
        if (r.status() == 401) {
            throw CliException.failed("not logged in or wrong credentials for " + registry
                    + " (run 'slipway login " + hostPort() + "')");
        }
        String message = errorMessage(r);
        throw CliException.failed(message != null ? message : method + " " + path + " failed: HTTP " + r.status());
    }

    /** {@code {"error":{"message"}}} (management API) or {@code {"errors":[{"message"}]}} (registry API). */
    static String errorMessage(Response r) {
        try {
            JsonNode n = Json.MAPPER.readTree(r.body());
            if (n == null) {
                return null;
            }
            JsonNode e = n.path("error");
            if (e.hasNonNull("message")) {
                return e.get("message").asText();
            }
            JsonNode errors = n.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                String m = first.path("message").asText("");
                String code = first.path("code").asText("");
                return m.isEmpty() ? code : m;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(Response r) {
        if (r.body().length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw CliException.failed("the registry answered with something that is not JSON: " + e.getMessage());
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String hostPort() {
        return URI.create(baseUrl).getRawAuthority();
    }

    /** Percent-encodes one path segment (names, tags and digests are plain already; this guards the rest). */
    public static String seg(String s) {
        return s.matches("[A-Za-z0-9._~:@-]*") ? s : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A repository name in a path: its slashes stay. */
    public static String repo(String repository) {
        StringBuilder sb = new StringBuilder();
        for (String part : repository.split("/", -1)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(seg(part));
        }
        return sb.toString();
    }

    public static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
