package dev.slipway.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.Json;

/** Named tasks through {@code /api/tasks}. */
final class TaskService {
    private final Api api;

    TaskService(Api api) {
        this.api = api;
    }

    JsonNode create(String name, JsonNode body) {
        return api.put("/api/tasks/" + Api.seg(name), body);
    }

    JsonNode update(String name, JsonNode patch) {
        return api.patch("/api/tasks/" + Api.seg(name), patch);
    }

    JsonNode show(String name, boolean secure) {
        return api.get("/api/tasks/" + Api.seg(name) + (secure ? "?withSecureProperties=true" : ""));
    }

    JsonNode list() {
        return api.get("/api/tasks");
    }

    void delete(String name) {
        api.delete("/api/tasks/" + Api.seg(name));
    }

    JsonNode run(String name, JsonNode overrides) {
        return api.post("/api/tasks/" + Api.seg(name) + "/runs", overrides);
    }

    JsonNode credentials(String name) {
        return api.get("/api/tasks/" + Api.seg(name) + "/credentials");
    }

    JsonNode addCredential(String name, String server, String user, String password) {
        return api.post("/api/tasks/" + Api.seg(name) + "/credentials",
                Json.object().put("loginServer", server).put("username", user).put("password", password));
    }

    JsonNode updateCredential(String name, String server, String user, String password) {
        return api.patch("/api/tasks/" + Api.seg(name) + "/credentials/" + Api.seg(server),
                Json.object().put("username", user).put("password", password));
    }

    JsonNode removeCredential(String name, String server) {
        return api.delete("/api/tasks/" + Api.seg(name) + "/credentials/" + Api.seg(server));
    }
}
