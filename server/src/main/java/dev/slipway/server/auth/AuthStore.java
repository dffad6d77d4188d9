package dev.slipway.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.server.meta.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Access-control rows: settings, scope maps, tokens, password hashes and the audit log. */
final class AuthStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbc jdbc;

    AuthStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> setting(String name) {
        return jdbc.one("SELECT value FROM registry_settings WHERE name = ?", rs -> rs.getString(1), name);
    }

    void setSetting(String name, String value) {
        jdbc.update("INSERT INTO registry_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name, value);
    }

    List<ScopeMap> scopeMaps() {
        return jdbc.query("SELECT name, description, type, actions, created_at, updated_at FROM scope_maps ORDER BY name",
                AuthStore::scopeMapRow);
    }

    Optional<ScopeMap> scopeMap(String name) {
        return jdbc.one("SELECT name, description, type, actions, created_at, updated_at FROM scope_maps WHERE name = ?",
                AuthStore::scopeMapRow, name);
    }

    void putScopeMap(ScopeMap m) {
        jdbc.update("INSERT INTO scope_maps (name, description, type, actions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET description = excluded.description, actions = excluded.actions,"
                        + " updated_at = excluded.updated_at",
                m.name(), m.description(), m.type(), json(m.actions()), m.created().toEpochMilli(), m.updated().toEpochMilli());
    }

    boolean deleteScopeMap(String name) {
        return jdbc.update("DELETE FROM scope_maps WHERE name = ?", name) > 0;
    }

    List<TokenRecord> tokens() {
        return jdbc.query("SELECT name, scope_map, status, created_at FROM tokens ORDER BY name", AuthStore::tokenRow);
    }

    Optional<TokenRecord> token(String name) {
        return jdbc.one("SELECT name, scope_map, status, created_at FROM tokens WHERE name = ?", AuthStore::tokenRow, name);
    }

    List<String> tokensUsing(String scopeMap) {
        return jdbc.query("SELECT name FROM tokens WHERE scope_map = ? ORDER BY name", rs -> rs.getString(1), scopeMap);
    }

    void putToken(TokenRecord t) {
        jdbc.update("INSERT INTO tokens (name, scope_map, status, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET scope_map = excluded.scope_map, status = excluded.status",
                t.name(), t.scopeMap(), t.enabled() ? "enabled" : "disabled", t.created().toEpochMilli());
    }

    boolean deleteToken(String name) {
        return jdbc.transaction(c -> {
            Jdbc.update(c, "DELETE FROM passwords WHERE owner = ?", "token:" + name);
            return Jdbc.update(c, "DELETE FROM tokens WHERE name = ?", name) > 0;
        });
    }

    List<PasswordRecord> passwords(String owner) {
        return jdbc.query("SELECT slot, hash, expires_at, created_at FROM passwords WHERE owner = ? ORDER BY slot",
                rs -> {
                    long exp = rs.getLong(3);
                    Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(exp);
                    return new PasswordRecord(rs.getString(1), rs.getString(2), expires, Instant.ofEpochMilli(rs.getLong(4)));
                }, owner);
    }

    void putPassword(String owner, PasswordRecord p) {
        jdbc.update("INSERT INTO passwords (owner, slot, hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (owner, slot) DO UPDATE SET hash = excluded.hash, expires_at = excluded.expires_at,"
                        + " created_at = excluded.created_at",
                owner, p.slot(), p.hash(), p.expires() == null ? null : p.expires().toEpochMilli(), p.created().toEpochMilli());
    }

    boolean deletePassword(String owner, String slot) {
        return jdbc.update("DELETE FROM passwords WHERE owner = ? AND slot = ?", owner, slot) > 0;
    }

    void audit(AuditEvent e) {
        jdbc.update("INSERT INTO audit_events (id, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                e.id(), e.at().toEpochMilli(), e.actor(), e.action(), e.target(), e.detail());
    }

    List<AuditEvent> auditEvents(Instant since, int limit) {
        return jdbc.query("SELECT id, at, actor, action, target, detail FROM audit_events WHERE at >= ? ORDER BY at DESC, id LIMIT ?",
                rs -> new AuditEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), since.toEpochMilli(), limit);
    }

    private static ScopeMap scopeMapRow(ResultSet rs) throws SQLException {
        List<String> actions;
        try {
            actions = JSON.readValue(rs.getString(4), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt scope map actions for " + rs.getString(1), e);
        }
        return new ScopeMap(rs.getString(1), rs.getString(2), rs.getString(3), actions,
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static TokenRecord tokenRow(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString(1), rs.getString(2), "enabled".equals(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static String json(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
