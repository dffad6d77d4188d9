package dev.slipway.server.api;

import dev.slipway.server.secrets.SecretInfo;
import dev.slipway.server.secrets.SecretStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in secret store: {@code PUT/DELETE /api/secrets/{name}}, {@code GET /api/secrets} (names and dates). */
final class SecretsApi {
    private final SecretStore secrets;

    SecretsApi(SecretStore secrets) {
        this.secrets = secrets;
    }

    void register(ApiRoutes routes) {
        routes.add("GET", "/api/secrets", c -> secrets.list().stream().map(SecretsApi::info).toList())
                .add("PUT", "/api/secrets/{name}", c -> {
                    String value = ApiCall.text(c.body(), "value");
                    if (value == null) {
                        throw new ApiException(400, "InvalidRequest", "value is required");
                    }
                    return info(secrets.set(c.param("name"), value));
                })
                .add("DELETE", "/api/secrets/{name}", c -> {
                    secrets.delete(c.param("name"));
                    return null;
                });
    }

    private static Map<String, Object> info(SecretInfo s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", s.name());
        o.put("createdTime", s.created().toString());
        o.put("updatedTime", s.updated().toString());
        return o;
    }
}
