package dev.slipway.server.secrets;

/** A secret operation that cannot be done; the API maps the kind to a status. */
public final class SecretException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, KEY_MISMATCH }

    private final Kind kind;

    public SecretException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
