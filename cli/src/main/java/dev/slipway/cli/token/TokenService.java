package dev.slipway.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.Json;

/** Tokens and their passwords through {@code /api/tokens}. */
final class TokenService {
    private final Api api;

    TokenService(Api api) {
        this.api = api;
    }

    JsonNode create(String name, String scopeMap, String status) {
        ObjectNode body = Json.object().put("scopeMapName", scopeMap);
        if (status != null) {
            body.put("status", status);
        }
        return api.put(path(name), body);
    }

    JsonNode update(String name, String scopeMap, String status) {
        ObjectNode body = Json.object();
        if (scopeMap != null) {
            body.put("scopeMapName", scopeMap);
        }
        if (status != null) {
            body.put("status", status);
        }
        return api.patch(path(name), body);
    }

    JsonNode show(String name) {
        return api.get(path(name));
    }

    JsonNode list() {
        return api.get("/api/tokens");
    }

    void delete(String name) {
        api.delete(path(name));
    }

    /** Generates password1 and/or password2 (both when neither is asked for); the values are shown only now. */
    JsonNode generate(String name, boolean password1, boolean password2, Integer expirationInDays) {
        ObjectNode body = Json.object();
        if (password1) {
            body.put("password1", true);
        }
        if (password2) {
            body.put("password2", true);
        }
        if (expirationInDays != null) {
            body.put("expirationInDays", expirationInDays);
        }
        return api.post(path(name) + "/passwords", body);
    }

    void deletePassword(String name, String slot) {
        api.delete(path(name) + "/passwords/" + slot);
    }

    private static String path(String name) {
        return "/api/tokens/" + Api.seg(name);
    }
}
