package dev.slipway.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.auth.AuditEvent;
import dev.slipway.server.auth.Credentials;
import dev.slipway.server.auth.ScopeMap;
import dev.slipway.server.auth.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Management endpoints for the admin user, registry switches, scope maps, tokens and the audit log. */
final class AccessApi {
    private final Credentials credentials;

    AccessApi(Credentials credentials) {
        this.credentials = credentials;
    }

    void register(ApiRoutes routes) {
        routes.add("GET", "/api/registry", c -> settings(credentials.settings()))
                .add("PATCH", "/api/registry", c -> {
                    JsonNode b = c.body();
                    return settings(credentials.update(c.actor(), ApiCall.bool(b, "adminUserEnabled"),
                            ApiCall.bool(b, "anonymousPullEnabled")));
                })
                .add("GET", "/api/credentials", c -> admin(credentials.admin()))
                .add("POST", "/api/credentials/renew", c -> {
                    String name = ApiCall.text(c.body(), "name");
                    return admin(credentials.renewAdmin(c.actor(), name == null ? "" : name));
                })
                .add("GET", "/api/scope-maps", c -> credentials.scopeMaps().list().stream().map(AccessApi::scopeMap).toList())
                .add("GET", "/api/scope-maps/{name}", c -> scopeMap(credentials.scopeMaps().get(c.param("name"))))
                .add("PUT", "/api/scope-maps/{name}", c -> {
                    JsonNode b = c.body();
                    return scopeMap(credentials.scopeMaps().create(c.actor(), c.param("name"), ApiCall.text(b, "description"),
                            ApiCall.strings(b, "actions")));
                })
                .add("PATCH", "/api/scope-maps/{name}", c -> {
                    JsonNode b = c.body();
                    return scopeMap(credentials.scopeMaps().update(c.actor(), c.param("name"), ApiCall.text(b, "description"),
                            ApiCall.strings(b, "addActions"), ApiCall.strings(b, "removeActions")));
                })
                .add("DELETE", "/api/scope-maps/{name}", c -> {
                    credentials.scopeMaps().delete(c.actor(), c.param("name"));
                    return null;
                })
                .add("GET", "/api/tokens", c -> credentials.tokens().views().stream().map(AccessApi::token).toList())
                .add("GET", "/api/tokens/{name}", c -> token(credentials.tokens().show(c.param("name"))))
                .add("PUT", "/api/tokens/{name}", c -> {
                    JsonNode b = c.body();
                    String scopeMap = ApiCall.text(b, "scopeMapName");
                    if (scopeMap == null) {
                        throw new ApiException(400, "InvalidRequest", "scopeMapName is required");
                    }
                    return token(credentials.tokens().create(c.actor(), c.param("name"), scopeMap, status(b, true)));
                })
                .add("PATCH", "/api/tokens/{name}", c -> {
                    JsonNode b = c.body();
                    Boolean enabled = b.has("status") ? status(b, true) : null;
                    return token(credentials.tokens().update(c.actor(), c.param("name"), ApiCall.text(b, "scopeMapName"), enabled));
                })
                .add("DELETE", "/api/tokens/{name}", c -> {
                    credentials.tokens().delete(c.actor(), c.param("name"));
                    return null;
                })
                .add("POST", "/api/tokens/{name}/passwords", c -> {
                    JsonNode b = c.body();
                    return generated(credentials.tokens().generate(c.actor(), c.param("name"),
                            Boolean.TRUE.equals(ApiCall.bool(b, "password1")), Boolean.TRUE.equals(ApiCall.bool(b, "password2")),
                            ApiCall.integer(b, "expirationInDays")));
                })
                .add("DELETE", "/api/tokens/{name}/passwords/{slot}", c -> {
                    credentials.tokens().deletePassword(c.actor(), c.param("name"), c.param("slot"));
                    return null;
                })
                .add("GET", "/api/audit", c -> {
                    int days = parse(c.query("days"), 30);
                    int top = parse(c.query("top"), 100);
                    return credentials.auditEvents(Duration.ofDays(days), top).stream().map(AccessApi::audit).toList();
                });
    }

    private static boolean status(JsonNode b, boolean fallback) {
        String s = ApiCall.text(b, "status");
        if (s == null) {
            return fallback;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw new ApiException(400, "InvalidRequest", "status must be enabled or disabled");
        };
    }

    private static int parse(String v, int fallback) {
        try {
            return v == null ? fallback : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "InvalidRequest", "not a number: " + v);
        }
    }

    private static Map<String, Object> settings(Credentials.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adminUserEnabled", s.adminEnabled());
        m.put("anonymousPullEnabled", s.anonymousPullEnabled());
        return m;
    }

    private static Map<String, Object> admin(Credentials.AdminCredentials a) {
        List<Map<String, String>> pw = new ArrayList<>();
        a.passwords().forEach((k, v) -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("name", k);
            p.put("value", v);
            pw.add(p);
        });
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("username", a.username());
        o.put("passwords", pw);
        return o;
    }

    private static Map<String, Object> scopeMap(ScopeMap m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("type", m.type());
        o.put("description", m.description());
        o.put("actions", m.actions());
        o.put("creationDate", m.created().toString());
        return o;
    }

    private static Map<String, Object> token(Tokens.TokenView t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", t.name());
        o.put("scopeMapName", t.scopeMap());
        o.put("status", t.enabled() ? "enabled" : "disabled");
        o.put("creationDate", t.created().toString());
        List<Map<String, Object>> pw = new ArrayList<>();
        t.passwords().forEach((slot, info) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", slot);
            p.put("creationTime", info.created().toString());
            p.put("expiry", info.expires() == null ? null : info.expires().toString());
            pw.add(p);
        });
        o.put("credentials", Map.of("passwords", pw));
        return o;
    }

    private static Map<String, Object> generated(Tokens.GeneratedPasswords g) {
        List<Map<String, Object>> pw = new ArrayList<>();
        g.passwords().forEach((slot, value) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", slot);
            p.put("value", value);
            Instant exp = g.expiries().get(slot);
            p.put("expiry", exp == null ? null : exp.toString());
            pw.add(p);
        });
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("username", g.username());
        o.put("passwords", pw);
        return o;
    }

    private static Map<String, Object> audit(AuditEvent e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("time", e.at().toString());
        o.put("actor", e.actor());
        o.put("action", e.action());
        o.put("target", e.target());
        o.put("detail", e.detail());
        return o;
    }
}
