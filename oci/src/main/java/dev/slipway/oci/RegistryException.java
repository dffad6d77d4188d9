package dev.slipway.oci;

/** The one failure type of the registry domain; the HTTP layer turns it into the spec's error JSON. */
public class RegistryException extends RuntimeException {
    private final OciError error;
    private final Object detail;

    public RegistryException(OciError error, String message) {
        this(error, message, null);
    }

    public RegistryException(OciError error, String message, Object detail) {
        super(message == null ? error.message() : message, null, false, false);
        this.error = error;
        this.detail = detail;
    }

    public OciError error() {
        return error;
    }

    public Object detail() {
        return detail;
    }
}
