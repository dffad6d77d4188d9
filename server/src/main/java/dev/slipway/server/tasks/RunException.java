package dev.slipway.server.tasks;

/** A run request or operation that cannot be done; the API maps the kind to a status. */
public final class RunException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public RunException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static RunException invalid(String message) {
        return new RunException(Kind.INVALID, message);
    }

    static RunException notFound(String id) {
        return new RunException(Kind.NOT_FOUND, "run " + id + " does not exist");
    }
}
