package dev.slipway.server.auth;

/**
 * A principal whose password checked out. {@code credential} fingerprints the password used, so refresh tokens
 * die with it (deleted, regenerated or expired).
 */
public record Authenticated(Principal principal, String credential) {
}
