package dev.slipway.oci;

/** The error codes of the OCI Distribution Spec (and Docker's extensions) with their HTTP status. */
public enum OciError {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    TAG_INVALID(400, "manifest tag did not match URI"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Not a spec code: an unknown path under /v2. */
    NOT_FOUND(404, "not found"),
    /** Not a spec code: a request body or parameter the /acr/v1 API cannot use (bad JSON, a non-boolean attribute). */
    BAD_REQUEST(400, "the request is invalid"),
    /** A PATCH whose Content-Range does not continue the upload. */
    RANGE_INVALID(416, "requested range not satisfiable"),
    /** A manifest or body over the registry's limit. */
    TOO_LARGE(413, "payload too large");

    private final int status;
    private final String message;

    OciError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code written in the error JSON; the extra statuses reuse the closest spec code. */
    public String code() {
        return switch (this) {
            case RANGE_INVALID -> "BLOB_UPLOAD_INVALID";
            case TOO_LARGE -> "SIZE_INVALID";
            default -> name();
        };
    }
}
