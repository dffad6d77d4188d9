package dev.slipway.server.auth;

/** A failure of an access-control operation; each HTTP surface maps the kind to its status once. */
public final class AuthException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNAUTHORIZED, DENIED }

    private final Kind kind;

    public AuthException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
