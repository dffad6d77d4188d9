package dev.slipway.server.auth;

import java.time.Instant;
import java.util.List;

/** The answer of the token endpoint. {@code refreshToken} is null unless offline access was asked for. */
public record TokenGrant(String accessToken, String refreshToken, long expiresInSeconds, Instant issuedAt, List<Scope> granted) {
}
