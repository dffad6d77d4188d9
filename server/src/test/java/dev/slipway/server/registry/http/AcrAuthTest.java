package dev.slipway.server.registry.http;

import static dev.slipway.server.testing.TestClient.error;
import static dev.slipway.server.testing.TestClient.expect;
import static dev.slipway.server.testing.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.auth.AuditEvent;
import dev.slipway.server.testing.TestClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /acr/v1 API behind the same gate as /v2: challenges, metadata scopes, and the audited actor. */
class AcrAuthTest {
    @TempDir
    static Path dir;
    static SlipwayServer server;
    static TestClient anonymous;
    static TestClient admin;
    static String hostPort;

    @BeforeAll
    static void start() throws Exception {
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0));
        hostPort = "127.0.0.1:" + server.port();
        anonymous = new TestClient(server.baseUri());
        JsonNode credentials = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("admin-credentials.json")));
        admin = anonymous.withAuthorization(basic("admin", credentials.path("password").asText()));
        admin.pushImage("secure/app", "v1", "one");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String challenge(String scope) {
        return "Bearer realm=\"http://" + hostPort + "/oauth2/token\",service=\"" + hostPort + "\",scope=\"" + scope + "\"";
    }

    static void assertChallenge(HttpResponse<String> r, String scope) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains(challenge(scope));
        assertThat(error(r)).startsWith("UNAUTHORIZED: ");
    }

    static TestClient bearer(String... scopes) {
        StringBuilder q = new StringBuilder("/oauth2/token?service=").append(URLEncoder.encode(hostPort, StandardCharsets.UTF_8));
        for (String s : scopes) {
            q.append("&scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        String token = json(expect(admin.get(q.toString()), 200)).path("token").asText();
        return anonymous.withAuthorization("Bearer " + token);
    }

    @Test
    void anonymousCallersGetTheV2ChallengeWithTheScopeTheRequestNeeds() {
        assertChallenge(anonymous.get("/acr/v1/secure/app"), "repository:secure/app:metadata_read");
        assertChallenge(anonymous.get("/acr/v1/secure/app/_tags"), "repository:secure/app:metadata_read");
        assertChallenge(anonymous.get("/acr/v1/secure/app/_manifests"), "repository:secure/app:metadata_read");
        assertChallenge(anonymous.get("/acr/v1/secure/app/_tags/v1"), "repository:secure/app:metadata_read");
        assertChallenge(anonymous.patch("/acr/v1/secure/app", "{\"writeEnabled\": false}"), "repository:secure/app:metadata_write");
        assertChallenge(anonymous.patch("/acr/v1/secure/app/_tags/v1", "{}"), "repository:secure/app:metadata_write");
        assertChallenge(anonymous.delete("/acr/v1/secure/app/_tags/v1"), "repository:secure/app:metadata_write");
        assertChallenge(anonymous.delete("/acr/v1/secure/app"), "repository:secure/app:delete");
        assertChallenge(anonymous.get("/acr/v1/_catalog"), "registry:catalog:*");
        // The same challenge as the data plane gives.
        HttpResponse<String> v2 = anonymous.get("/v2/secure/app/tags/list");
        assertThat(v2.headers().firstValue("WWW-Authenticate")).contains(challenge("repository:secure/app:pull"));
        assertThat(json(expect(anonymous.withAuthorization(basic("admin", "wrong")).get("/acr/v1/secure/app"), 401))
                .at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void adminLocksWithBasicCredentialsAndIsTheAuditedActor() {
        admin.pushImage("secure/basic", "v1", "one");
        expect(admin.get("/acr/v1/secure/basic"), 200);
        expect(admin.patch("/acr/v1/secure/basic/_tags/v1", "{\"writeEnabled\": false}"), 200);
        assertThat(audited("repository/secure/basic:v1")).containsExactly("admin writeEnabled=false");
        // Credentials do not bypass locks.
        HttpResponse<String> push = admin.putManifest("secure/basic", "v1", admin.imageManifest("secure/basic", "two"));
        assertThat(push.statusCode()).isEqualTo(403);
        assertThat(error(push)).isEqualTo("DENIED: tag secure/basic:v1 is locked: writeEnabled is false");
        assertThat(json(expect(admin.get("/acr/v1/_catalog"), 200)).path("repositories").toString()).contains("secure/basic");
    }

    @Test
    void bearerTokensNeedTheMetadataScopes() {
        admin.pushImage("secure/bearer", "v1", "one");
        TestClient reader = bearer("repository:secure/bearer:metadata_read");
        expect(reader.get("/acr/v1/secure/bearer"), 200);
        expect(reader.get("/acr/v1/secure/bearer/_tags"), 200);
        // A token that merely lacks the scope is challenged again, so clients fetch a fitting one.
        assertChallenge(reader.patch("/acr/v1/secure/bearer", "{\"readEnabled\": false}"), "repository:secure/bearer:metadata_write");
        assertChallenge(bearer("repository:secure/bearer:pull").get("/acr/v1/secure/bearer"), "repository:secure/bearer:metadata_read");

        TestClient writer = bearer("repository:secure/bearer:metadata_write");
        expect(writer.patch("/acr/v1/secure/bearer", "{\"readEnabled\": false}"), 200);
        assertThat(audited("repository/secure/bearer")).containsExactly("admin readEnabled=false");
        expect(writer.delete("/acr/v1/secure/bearer/_tags/v1"), 202);
        assertChallenge(writer.delete("/acr/v1/secure/bearer"), "repository:secure/bearer:delete");
        expect(bearer("repository:secure/bearer:delete").delete("/acr/v1/secure/bearer"), 202);
    }

    @Test
    void aTokenWhoseScopeMapLacksMetadataWriteIsDenied() {
        admin.pushImage("secure/scoped", "v1", "one");
        server.auth().credentials().scopeMaps().create("test", "scoped-reader", null,
                List.of("repositories/secure/scoped/content/read", "repositories/secure/scoped/metadata/read"));
        server.auth().credentials().tokens().create("test", "scoped-reader", "scoped-reader", true);
        String password = server.auth().credentials().tokens().generate("test", "scoped-reader", true, false, null)
                .passwords().values().iterator().next();
        TestClient token = anonymous.withAuthorization(basic("scoped-reader", password));

        expect(token.get("/acr/v1/secure/scoped/_tags/v1"), 200);
        HttpResponse<String> patch = expect(token.patch("/acr/v1/secure/scoped/_tags/v1", "{\"writeEnabled\": false}"), 403);
        assertThat(error(patch)).isEqualTo("DENIED: requested access to the resource is denied");
        expect(token.delete("/acr/v1/secure/scoped/_tags/v1"), 403);
        expect(token.get("/acr/v1/other"), 403);
        Digest d = Digest.sha256(admin.imageManifest("secure/scoped", "one"));
        expect(token.get("/v2/secure/scoped/manifests/" + d), 200);
    }

    private static List<String> audited(String target) {
        return server.auth().credentials().auditEvents(Duration.ofMinutes(5), 1000).stream()
                .filter(e -> e.action().equals("lock.update") && e.target().equals(target))
                .map((AuditEvent e) -> e.actor() + " " + e.detail()).toList();
    }
}
