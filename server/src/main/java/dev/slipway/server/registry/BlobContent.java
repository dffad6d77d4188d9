package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import java.nio.file.Path;

/** A blob ready to serve: its file is complete and immutable. */
public record BlobContent(Digest digest, long size, Path file) {
}
