package dev.slipway.server.auth;

import java.time.Instant;

/** A repository-scoped token: its name is the docker username; its scope map says what it may do. */
public record TokenRecord(String name, String scopeMap, boolean enabled, Instant created) {
}
