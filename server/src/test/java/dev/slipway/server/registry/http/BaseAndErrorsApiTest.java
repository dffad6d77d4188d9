package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static dev.slipway.server.registry.http.RegistryServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The base endpoint, routing failures and the error format shared by every endpoint. */
class BaseAndErrorsApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    @ParameterizedTest
    @ValueSource(strings = {"/v2/", "/v2"})
    void baseAnswersGetWithTheApiVersion(String path) {
        HttpResponse<byte[]> r = registry.get(path);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(header(r, "Content-Type")).startsWith("application/json");
        assertThat(json(r).isObject()).isTrue();
    }

    @Test
    void baseAnswersHeadWithoutBody() {
        HttpResponse<byte[]> r = registry.head("/v2/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(r.body()).isEmpty();
    }

    /**
     * What skopeo and docker do against a plain-HTTP registry: a TLS ClientHello first (Jetty's parser answers 400
     * through the server's error handler), then plain {@code GET /v2/} on a new connection, which must not be
     * affected by the refused one.
     */
    @Test
    void tlsHelloOnThePlainPortIs400AndTheNextPingIsUnaffected() throws Exception {
        byte[] hello = new byte[300];
        byte[] head = {0x16, 0x03, 0x01, 0x01, 0x27, 0x01, 0x00, 0x01, 0x23, 0x03, 0x03};
        System.arraycopy(head, 0, hello, 0, head.length);
        for (int i = 0; i < 20; i++) {
            assertThat(registry.rawFirstLine(hello)).startsWith("HTTP/1.1 400 ");
            assertThat(registry.rawFirstLine("GET /v2/ HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void unknownPathUnderV2IsNotFoundWithErrorJson() {
        HttpResponse<byte[]> r = registry.get("/v2/library/ubuntu/nothing-here");

        assertError(r, 404, "NOT_FOUND");
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/x", "/v2/_catalog/", "/v2/repo/manifests/", "/v2/repo/blobs/"})
    void incompletePathsAreNotFound(String path) {
        assertError(registry.get(path), 404, "NOT_FOUND");
    }

    @Test
    void pathOutsideV2IsNotFound() {
        HttpResponse<byte[]> r = registry.get("/v3/");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(header(r, "Docker-Distribution-API-Version")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /v2/, 'GET, HEAD'",
        "DELETE, /v2/_catalog, 'GET, HEAD'",
        "PUT, /v2/repo/tags/list, 'GET, HEAD'",
        "POST, /v2/repo/manifests/latest, 'GET, HEAD, PUT, DELETE'",
        "PATCH, /v2/repo/blobs/sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, 'GET, HEAD, DELETE'",
        "GET, /v2/repo/blobs/uploads/, POST",
        "POST, /v2/repo/blobs/uploads/0b4f1a6e-63a4-4b5e-9d3c-7f0e6a1c2d3b, 'GET, PATCH, PUT, DELETE'",
        "DELETE, /v2/repo/referrers/sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, 'GET, HEAD'",
    })
    void unsupportedMethodIs405WithAllow(String method, String path, String allow) {
        HttpResponse<byte[]> r = registry.send(method, path, new byte[0]);

        assertError(r, 405, "UNSUPPORTED");
        assertThat(header(r, "Allow")).isEqualTo(allow);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v2/Upper/manifests/latest",
        "/v2/a..b/manifests/latest",
        "/v2/a/../b/manifests/latest",
        "/v2/trailing//manifests/latest",
        "/v2//manifests/latest",
        "/v2/-lead/tags/list",
        "/v2/a__-b/blobs/sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "/v2/UP/blobs/uploads/",
        "/v2/UP/referrers/sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    })
    void invalidRepositoryNameIs400NameInvalid(String path) {
        HttpResponse<byte[]> r = path.endsWith("/uploads/") ? registry.post(path, new byte[0]) : registry.get(path);

        assertError(r, 400, "NAME_INVALID");
    }

    @Test
    void repositoryNameLongerThan255IsInvalid() {
        String name = "a".repeat(256);

        assertError(registry.get("/v2/" + name + "/tags/list"), 400, "NAME_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/_catalog?last=%ff", "/v2/repo/tags/list?n=1&last=%c3"})
    void undecodableQueryIs400NotAServerError(String path) {
        HttpResponse<byte[]> r = registry.get(path);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("errors").path(0).path("code").asText()).isNotBlank();
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/a%zz/tags/list", "/v2/_catalog?last=%zz", "/v2/a/manifests/%"})
    void malformedPercentEncodingIs400(String target) throws Exception {
        assertThat(registry.rawStatus("GET", target)).isEqualTo(400);
    }

    @Test
    void errorsOfHeadRequestsHaveNoBody() {
        HttpResponse<byte[]> r = registry.head("/v2/nothing/manifests/latest");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }
}
