package dev.slipway.server.auth;

import java.time.Instant;

/** A stored password: only its slow salted hash, with an optional expiry. {@code slot} is password1 or password2. */
public record PasswordRecord(String slot, String hash, Instant expires, Instant created) {
    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
