package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in secret store's API on a real server (port 0). */
class SecretsApiTest {
    static SlipwayServer server;
    static RunsClient api;
    static Path data;

    @BeforeAll
    static void start(@TempDir(factory = TestDirs.InMemory.class) Path dir) throws Exception {
        data = dir;
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor());
        api = new RunsClient(server, dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return api.send(method, path, body == null ? null : RunsClient.JSON.writeValueAsBytes(body));
    }

    private static JsonNode ok(String method, String path, Object body, int status) throws Exception {
        return api.json(call(method, path, body), status);
    }

    private static String error(String method, String path, Object body, int status) throws Exception {
        return api.json(call(method, path, body), status).path("error").path("message").asText();
    }

    @Test
    void theSecretStoreListsNamesOnlyAndKeepsValuesEncrypted() throws Exception {
        String value = "st0red-" + System.nanoTime();
        JsonNode set = ok("PUT", "/api/secrets/db-password", Map.of("value", value), 200);
        assertThat(set.get("name").asText()).isEqualTo("db-password");
        assertThat(set.toString()).doesNotContain(value);
        ok("PUT", "/api/secrets/db-password", Map.of("value", value + "-2"), 200);
        JsonNode list = ok("GET", "/api/secrets", null, 200);
        assertThat(list.findValuesAsText("name")).contains("db-password");
        assertThat(list.toString()).doesNotContain(value);
        assertThat(list.get(0).has("createdTime")).isTrue();
        assertThat(SecretFiles.anyContains(data, value)).isFalse();
        assertThat(Files.getPosixFilePermissions(data.resolve("secrets.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(error("PUT", "/api/secrets/bad%20name", Map.of("value", "x"), 400)).contains("secret name");
        assertThat(error("PUT", "/api/secrets/no-value", Map.of(), 400)).contains("value is required");
        assertThat(call("DELETE", "/api/secrets/db-password", null).statusCode()).isEqualTo(204);
        assertThat(error("DELETE", "/api/secrets/db-password", null, 404)).contains("does not exist");
    }

    @Test
    void aWrongKeyFileIsAClearErrorNotAWrongValue() throws Exception {
        ok("PUT", "/api/secrets/key-check", Map.of("value", "v"), 200);
        ok("PUT", "/api/tasks/key-check", Map.of("step", Map.of("type", "EncodedTask", "cmd", "ok",
                "values", java.util.List.of(Map.of("name", "s", "value", "x", "isSecret", true)))), 201);
        server.close();
        Files.delete(data.resolve("secrets.key"));
        server = SlipwayServer.start(ServerConfig.defaults(data).withPort(0), new ScriptedExecutor());
        api = new RunsClient(server, data);
        HttpResponse<String> r = call("GET", "/api/tasks/key-check", null);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("cannot decrypt a stored secret with").contains("secrets.key");
    }
}
