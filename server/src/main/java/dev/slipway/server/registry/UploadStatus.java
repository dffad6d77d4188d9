package dev.slipway.server.registry;

/** Where an upload session stands: {@code offset} bytes received so far. */
public record UploadStatus(String repository, String id, long offset) {
}
