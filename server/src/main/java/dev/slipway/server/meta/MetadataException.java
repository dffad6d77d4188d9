package dev.slipway.server.meta;

import java.sql.SQLException;

/** The metadata database failed; the request fails with a server error, never with partial data. */
public final class MetadataException extends RuntimeException {
    public MetadataException(SQLException cause) {
        super("metadata database error: " + cause.getMessage(), cause);
    }
}
