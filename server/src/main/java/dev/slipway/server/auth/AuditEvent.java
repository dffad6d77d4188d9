package dev.slipway.server.auth;

import java.time.Instant;

/** Who did what to which object, and when: failed logins and every change to credentials, scope maps and locks. */
public record AuditEvent(String id, Instant at, String actor, String action, String target, String detail) {
}
