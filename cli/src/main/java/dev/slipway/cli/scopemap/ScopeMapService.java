package dev.slipway.cli.scopemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.Json;
import java.util.List;

/** Scope maps through {@code /api/scope-maps}. */
public final class ScopeMapService {
    private final Api api;

    public ScopeMapService(Api api) {
        this.api = api;
    }

    public JsonNode create(String name, String description, List<String> actions) {
        ObjectNode body = Json.object();
        if (description != null) {
            body.put("description", description);
        }
        actions.forEach(body.putArray("actions")::add);
        return api.put(path(name), body);
    }

    JsonNode update(String name, String description, List<String> add, List<String> remove) {
        ObjectNode body = Json.object();
        if (description != null) {
            body.put("description", description);
        }
        add.forEach(body.putArray("addActions")::add);
        remove.forEach(body.putArray("removeActions")::add);
        return api.patch(path(name), body);
    }

    JsonNode show(String name) {
        return api.get(path(name));
    }

    JsonNode list() {
        return api.get("/api/scope-maps");
    }

    public void delete(String name) {
        api.delete(path(name));
    }

    private static String path(String name) {
        return "/api/scope-maps/" + Api.seg(name);
    }
}
