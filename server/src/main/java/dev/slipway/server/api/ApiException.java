package dev.slipway.server.api;

/** A failure of the management API with its HTTP status; mapped to JSON in one place (ApiHandler). */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
