package dev.slipway.server.auth;

import static dev.slipway.server.auth.AuthHttp.basic;
import static dev.slipway.server.auth.AuthHttp.bearer;
import static dev.slipway.server.auth.AuthHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker token authentication end to end over HTTP, against a real server with auth on. */
class TokenAuthTest {
    @TempDir
    static Path dir;
    static SlipwayServer server;
    static AuthHttp http;
    static String adminPassword;
    static String teamPassword;

    @BeforeAll
    static void start() throws Exception {
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0));
        http = new AuthHttp(server.baseUri());
        adminPassword = AuthHttp.JSON.readTree(Files.readString(dir.resolve("admin-credentials.json"))).get("password").asText();
        Credentials c = server.auth().credentials();
        c.scopeMaps().create("test", "team-rw", "team read/write",
                List.of("repositories/team/*/content/read", "repositories/team/*/content/write"));
        c.tokens().create("test", "team-bot", "team-rw", true);
        teamPassword = c.tokens().generate("test", "team-bot", true, false, 30).passwords().get("password1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unauthenticatedCallsGetABearerChallengeWithTheNeededScope() throws Exception {
        HttpResponse<String> base = http.get("/v2/", null);
        assertThat(base.statusCode()).isEqualTo(401);
        assertThat(base.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"http://" + http.service() + "/oauth2/token\",service=\"" + http.service() + "\"");
        assertThat(json(base).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");

        HttpResponse<String> tags = http.get("/v2/team/app/tags/list", null);
        assertThat(tags.statusCode()).isEqualTo(401);
        assertThat(tags.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith(",scope=\"repository:team/app:pull\"");
        assertThat(json(tags).at("/errors/0/detail/0/Name").asText()).isEqualTo("team/app");

        HttpResponse<String> push = http.send("POST", "/v2/team/app/blobs/uploads/", null, null);
        assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith("scope=\"repository:team/app:pull,push\"");
    }

    @Test
    void adminTokenGrantsWhatWasAskedAndTheRegistryHonoursIt() throws Exception {
        HttpResponse<String> r = http.token("admin", adminPassword, "repository:any/repo:pull,push");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("access_token").asText()).isEqualTo(body.get("token").asText());
        SignedJWT jwt = SignedJWT.parse(body.get("token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(http.service());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("repository:any/repo:pull,push");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - System.currentTimeMillis())
                .isBetween(Duration.ofMinutes(5).minusSeconds(10).toMillis(), Duration.ofMinutes(5).toMillis());
        assertThat(body.get("token").asText().length()).as("every request carries it").isLessThan(220);

        HttpResponse<String> upload = http.send("POST", "/v2/any/repo/blobs/uploads/", bearer(body.get("token").asText()), null);
        assertThat(upload.statusCode()).isEqualTo(202);
        assertThat(http.get("/v2/", basic("admin", adminPassword)).statusCode()).isEqualTo(200);
    }

    @Test
    void theAccessTokenLifetimeIsASetting(@TempDir Path other) throws Exception {
        try (SlipwayServer s = SlipwayServer.start(ServerConfig.defaults(other).withPort(0).withTokenLifetime(Duration.ofHours(1)))) {
            String pw = AuthHttp.JSON.readTree(Files.readString(other.resolve("admin-credentials.json"))).get("password").asText();
            JsonNode body = json(new AuthHttp(s.baseUri()).token("admin", pw, "repository:a:pull"));
            assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
            long lifetime = SignedJWT.parse(body.get("token").asText()).getJWTClaimsSet().getExpirationTime().getTime()
                    - System.currentTimeMillis();
            assertThat(lifetime).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void scopedTokenGetsTheIntersectionAndIsDeniedElsewhere() throws Exception {
        String token = http.accessToken("team-bot", teamPassword, "repository:team/app:pull,push", "repository:other/app:pull,push");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        // Nothing of other/app was granted, so the token does not mention it.
        assertThat(claims.getStringClaim("scope")).isEqualTo("repository:team/app:pull,push");
        assertThat(http.send("POST", "/v2/team/app/blobs/uploads/", bearer(token), null).statusCode()).isEqualTo(202);
        HttpResponse<String> denied = http.send("POST", "/v2/other/app/blobs/uploads/", bearer(token), null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).at("/errors/0/code").asText()).isEqualTo("DENIED");
        // Basic credentials on /v2 are accepted too, with the same limits.
        assertThat(http.send("POST", "/v2/team/x/blobs/uploads/", basic("team-bot", teamPassword), null).statusCode()).isEqualTo(202);
        assertThat(http.send("POST", "/v2/other/x/blobs/uploads/", basic("team-bot", teamPassword), null).statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAndAudited() throws Exception {
        assertThat(http.token("admin", "wrong", "repository:a:pull").statusCode()).isEqualTo(401);
        assertThat(http.token("nobody", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.get("/v2/", basic("team-bot", "wrong")).statusCode()).isEqualTo(401);
        assertThat(server.auth().credentials().auditEvents(Duration.ofHours(1), 100))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("login.failed");
                    assertThat(e.actor()).isEqualTo("nobody");
                });
    }

    @Test
    void disablingATokenOrDeletingItsPasswordStopsNewTokensAtOnce() throws Exception {
        Credentials c = server.auth().credentials();
        c.tokens().create("test", "temp-bot", "_repositories_pull", true);
        String pw = c.tokens().generate("test", "temp-bot", true, true, null).passwords().get("password1");
        assertThat(http.token("temp-bot", pw, "repository:x:pull").statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/", basic("temp-bot", pw)).statusCode()).isEqualTo(200);

        c.tokens().update("test", "temp-bot", null, false);
        assertThat(http.token("temp-bot", pw, "repository:x:pull").statusCode()).isEqualTo(401);
        assertThat(http.get("/v2/", basic("temp-bot", pw)).statusCode()).isEqualTo(401);

        c.tokens().update("test", "temp-bot", null, true);
        assertThat(http.token("temp-bot", pw, "repository:x:pull").statusCode()).isEqualTo(200);
        c.tokens().deletePassword("test", "temp-bot", "password1");
        assertThat(http.token("temp-bot", pw, "repository:x:pull").statusCode()).isEqualTo(401);
    }

    @Test
    void aRunsTokenIsAcceptedAsAPasswordForWhatItGrantsOnly() throws Exception {
        // Podman passes only usernames and passwords to registries: a run logs in with its own token as password.
        String runToken = server.auth().runToken("ca7", http.service(), java.util.Set.of("built/app"),
                java.util.Set.of("base/image"), java.time.Duration.ofMinutes(10));
        String user = Auth.RUN_TOKEN_USER;
        assertThat(user).isEqualTo(dev.slipway.runner.exec.RegistryLogin.TOKEN_USER);
        HttpResponse<String> granted = http.token(user, runToken, "repository:built/app:pull,push", "repository:other/app:pull");
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(json(granted).get("refresh_token")).as("no refresh token for a run").isNull();
        String access = json(granted).get("token").asText();
        assertThat(http.send("POST", "/v2/built/app/blobs/uploads/", bearer(access), null).statusCode()).isEqualTo(202);
        assertThat(http.get("/v2/other/app/tags/list", bearer(access)).statusCode()).isIn(401, 403);
        // Basic straight on /v2 works the same way, limited the same way.
        assertThat(http.get("/v2/base/image/tags/list", basic(user, runToken)).statusCode()).isIn(200, 404);
        assertThat(http.send("POST", "/v2/base/image/blobs/uploads/", basic(user, runToken), null).statusCode()).isIn(401, 403);
        // Only a run's token will do: an access token of the admin, a garbage one, an expired one are refused.
        String adminAccess = http.accessToken("admin", adminPassword, "repository:built/app:pull");
        assertThat(http.token(user, adminAccess, "repository:built/app:pull").statusCode()).isEqualTo(401);
        assertThat(http.token(user, "not-a-jwt", "repository:built/app:pull").statusCode()).isEqualTo(401);
    }

    @Test
    void refreshTokensWorkUntilTheirCredentialGoes() throws Exception {
        Credentials c = server.auth().credentials();
        c.tokens().create("test", "refresh-bot", "_repositories_push", true);
        String pw = c.tokens().generate("test", "refresh-bot", true, false, null).passwords().get("password1");
        String svc = AuthHttp.enc(http.service());
        HttpResponse<String> login = http.postForm("/oauth2/token", "grant_type=password&username=refresh-bot&password="
                + AuthHttp.enc(pw) + "&service=" + svc + "&access_type=offline&client_id=test&scope=repository%3Aa%3Apull");
        assertThat(login.statusCode()).isEqualTo(200);
        String refresh = json(login).get("refresh_token").asText();
        HttpResponse<String> again = http.postForm("/oauth2/token", "grant_type=refresh_token&refresh_token=" + refresh
                + "&service=" + svc + "&scope=repository%3Ab%3Apush");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/v2/b/blobs/uploads/", bearer(json(again).get("access_token").asText()), null).statusCode())
                .isEqualTo(202);
        // An access token is not a refresh token.
        assertThat(http.postForm("/oauth2/token", "grant_type=refresh_token&refresh_token=" + json(again).get("access_token").asText()
                + "&service=" + svc).statusCode()).isEqualTo(401);
        // ... nor is a refresh token an access token.
        assertThat(http.send("POST", "/v2/b/blobs/uploads/", bearer(refresh), null).statusCode()).isEqualTo(401);
        c.tokens().generate("test", "refresh-bot", true, false, null);
        assertThat(http.postForm("/oauth2/token", "grant_type=refresh_token&refresh_token=" + refresh + "&service=" + svc)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void tamperedForgedAndForeignTokensAreRefused() throws Exception {
        String good = http.accessToken("team-bot", teamPassword, "repository:team/app:pull");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("repository:team/app:", "repository:other/app:");
        assertThat(payload).contains("other/app");
        String changedPayload = parts[0] + "." + b64(payload) + "." + parts[2];
        String algNone = b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".";
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String kid = AuthHttp.JSON.readTree(header).get("kid").asText();
        OctetSequenceKey otherKey = new OctetSequenceKeyGenerator(256).keyID(kid).generate();
        JWTClaimsSet claims = SignedJWT.parse(good).getJWTClaimsSet();
        String otherKeySigned = sign(otherKey, claims);
        OctetSequenceKey ourKey = OctetSequenceKey.parse(Files.readString(dir.resolve("auth/access-token-key.json")));
        // Our refresh-token key is no access-token key: an ES256 token with the right claims is still refused.
        ECKey refreshKey = ECKey.parse(Files.readString(dir.resolve("auth/jwt-signing-key.json")));
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(refreshKey.getKeyID()).build(), claims);
        es256.sign(new ECDSASigner(refreshKey));
        String otherAlgorithm = es256.serialize();
        String otherService = sign(ourKey, new JWTClaimsSet.Builder(claims).audience("other.registry.example").build());
        String expired = sign(ourKey, new JWTClaimsSet.Builder(claims).expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build());

        assertThat(http.get("/v2/team/app/tags/list", bearer(good)).statusCode()).isEqualTo(404);
        // Once verified (and cached) for this service, the same token is still refused under another service name.
        java.net.http.HttpResponse<String> viaOtherName = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.port() + "/v2/team/app/tags/list"))
                        .header("Authorization", bearer(good)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(viaOtherName.statusCode()).isEqualTo(401);
        for (String bad : List.of(changedPayload, algNone, otherKeySigned, otherAlgorithm, otherService, expired, "a.b.c",
                "garbage")) {
            HttpResponse<String> r = http.get("/v2/other/app/tags/list", bearer(bad));
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(json(r).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(http.token("team-bot", teamPassword, "repository:a:pull").statusCode()).isEqualTo(200);
        assertThat(http.get("/oauth2/token?service=another.example&scope=repository:a:pull", basic("team-bot", teamPassword))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedWithoutHarm() throws Exception {
        for (String h : List.of("Bearer", "Basic", "Basic !!!", "Basic " + b64("no-colon"), "Digest abc", "Bearer  ", "x")) {
            HttpResponse<String> r = http.get("/v2/team/app/tags/list", h);
            assertThat(r.statusCode()).as(h).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(http.get("/v2/", basic("admin", adminPassword)).statusCode()).isEqualTo(200);
    }

    @Test
    void catalogListsOnlyReadableRepositories() throws Exception {
        for (String repo : List.of("team/one", "secret/two")) {
            http.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=sha256:" + sha256Hex("x"), basic("admin", adminPassword), "x");
        }
        String adminToken = http.accessToken("admin", adminPassword, "registry:catalog:*");
        assertThat(json(http.get("/v2/_catalog", bearer(adminToken))).get("repositories").toString())
                .contains("team/one", "secret/two");
        String teamToken = http.accessToken("team-bot", teamPassword, "registry:catalog:*");
        String listed = json(http.get("/v2/_catalog", bearer(teamToken))).get("repositories").toString();
        assertThat(listed).contains("team/one").doesNotContain("secret/two");
        assertThat(http.get("/v2/_catalog", null).statusCode()).isEqualTo(401);
    }

    @Test
    void scopeMapChangesApplyAtOnce() throws Exception {
        Credentials c = server.auth().credentials();
        c.scopeMaps().create("test", "narrow", null, List.of("repositories/one/content/read"));
        c.tokens().create("test", "narrow-bot", "narrow", true);
        String pw = c.tokens().generate("test", "narrow-bot", true, false, null).passwords().get("password1");
        assertThat(http.get("/v2/two/tags/list", basic("narrow-bot", pw)).statusCode()).isEqualTo(403);
        c.scopeMaps().update("test", "narrow", null, List.of("repositories/two/content/read"), List.of());
        assertThat(http.get("/v2/two/tags/list", basic("narrow-bot", pw)).statusCode()).isEqualTo(404);
    }

    @Test
    void anonymousPullIsOffByDefaultAndGrantsOnlyPullWhenOn() throws Exception {
        assertThat(http.token(null, null, "repository:pub/app:pull").statusCode()).isEqualTo(401);
        server.auth().credentials().update("test", null, true);
        try {
            assertThat(http.get("/v2/pub/app/tags/list", null).statusCode()).isEqualTo(404);
            String anon = http.accessToken(null, null, "repository:pub/app:pull,push");
            assertThat(http.get("/v2/pub/app/tags/list", bearer(anon)).statusCode()).isEqualTo(404);
            assertThat(http.send("POST", "/v2/pub/app/blobs/uploads/", bearer(anon), null).statusCode()).isEqualTo(401);
        } finally {
            server.auth().credentials().update("test", null, false);
        }
    }

    private static String sign(OctetSequenceKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String s) {
        return dev.slipway.oci.Digest.sha256(s.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
