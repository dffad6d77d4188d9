package dev.slipway.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliConfig;
import dev.slipway.cli.support.Json;

/** Registry settings and the admin user's credentials, through {@code /api/registry} and {@code /api/credentials}. */
final class RegistryService {
    private final Api api;
    private final CliConfig.Login login;

    RegistryService(Api api, CliConfig.Login login) {
        this.api = api;
        this.login = login;
    }

    /** The settings, with the registry's name and login server in front (as {@code az acr show} has them). */
    JsonNode show() {
        return withIdentity(api.get("/api/registry"));
    }

    JsonNode update(Boolean adminEnabled, Boolean anonymousPullEnabled) {
        ObjectNode body = Json.object();
        if (adminEnabled != null) {
            body.put("adminUserEnabled", adminEnabled);
        }
        if (anonymousPullEnabled != null) {
            body.put("anonymousPullEnabled", anonymousPullEnabled);
        }
        return withIdentity(api.patch("/api/registry", body));
    }

    JsonNode credentials() {
        return api.get("/api/credentials");
    }

    JsonNode renew(String passwordName) {
        return api.post("/api/credentials/renew", Json.object().put("name", passwordName));
    }

    private JsonNode withIdentity(JsonNode settings) {
        ObjectNode o = Json.object();
        o.put("name", login.name());
        o.put("loginServer", login.hostPort());
        if (settings != null) {
            o.setAll((ObjectNode) settings);
        }
        return o;
    }
}
