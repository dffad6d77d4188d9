package dev.slipway.server.meta;

import java.time.Instant;

/** An upload session; its bytes are in the blob store's upload area under {@code id}. */
public record UploadRecord(String id, String repository, Instant created) {
}
