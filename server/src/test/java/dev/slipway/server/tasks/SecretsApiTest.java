package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import dev.slipway.server.meta.Database;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void aLostOrWrongKeyFileStopsTheStartInsteadOfBeingMadeAnew(@TempDir(factory = TestDirs.InMemory.class) Path dir)
            throws Exception {
        SlipwayServer s = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor());
        RunsClient c = new RunsClient(s, dir);
        c.json(c.send("PUT", "/api/secrets/db-pw", RunsClient.JSON.writeValueAsBytes(Map.of("value", "v"))), 200);
        c.json(c.send("PUT", "/api/tasks/with-secret", RunsClient.JSON.writeValueAsBytes(Map.of("step", Map.of("type",
                "EncodedTask", "cmd", "ok", "values", List.of(Map.of("name", "s", "value", "x", "isSecret", true)))))), 201);
        c.json(c.send("PUT", "/api/tasks/no-secrets", RunsClient.JSON.writeValueAsBytes(Map.of("step", Map.of("type",
                "EncodedTask", "cmd", "ok")))), 201);
        s.close();
        Path keyFile = dir.resolve("secrets.key");
        byte[] key = Files.readAllBytes(keyFile);

        Files.delete(keyFile);
        String missing = "the secret key " + keyFile + " is missing, but the database holds values encrypted with it"
                + " (secrets: db-pw; tasks: with-secret): restore the file from a backup of the data directory. If it is"
                + " lost for good, so are those values: delete them with sqlite3 " + dir.resolve("slipway.db")
                + " \"DELETE FROM secrets WHERE name IN ('db-pw'); DELETE FROM tasks WHERE name IN ('with-secret');\""
                + " and start again (a new key is made)";
        assertThatThrownBy(() -> SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor()))
                .isInstanceOf(IOException.class).hasMessage(missing);
        assertThat(keyFile).as("no new key that would not open the stored values").doesNotExist();

        // Another key of the right size (a different install's, or garbage) is refused as well.
        Files.write(keyFile, new byte[32]);
        assertThatThrownBy(() -> SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor()))
                .isInstanceOf(IOException.class).hasMessage("the secret key " + keyFile + " decrypts none of the values"
                        + " encrypted in the database (secrets: db-pw; tasks: with-secret): it is not the key they were"
                        + " stored with; restore the original file");

        // The original key back: everything reads again.
        Files.write(keyFile, key);
        s = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor());
        c = new RunsClient(s, dir);
        assertThat(c.json(c.send("GET", "/api/tasks/with-secret?withSecureProperties=true", null), 200).toString())
                .contains("\"value\":\"x\"");
        s.close();

        // Lost for good: doing what the message says lets the server start with a new key, keeping everything else.
        Files.delete(keyFile);
        String sql = missing.substring(missing.indexOf('"') + 1, missing.lastIndexOf('"'));
        try (Database db = Database.openSqlite(dir.resolve("slipway.db"))) {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    db.jdbc().update(statement);
                }
            }
        }
        s = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), new ScriptedExecutor());
        try {
            c = new RunsClient(s, dir);
            assertThat(keyFile).exists();
            assertThat(c.json(c.send("GET", "/api/secrets", null), 200).isEmpty()).isTrue();
            c.json(c.send("GET", "/api/tasks/no-secrets", null), 200);
            c.json(c.send("GET", "/api/tasks/with-secret", null), 404);
        } finally {
            s.close();
        }
    }
}
