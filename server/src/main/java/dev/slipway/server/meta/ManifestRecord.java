package dev.slipway.server.meta;

import dev.slipway.oci.Digest;
import java.time.Instant;
import java.util.Map;

/** A manifest as the repository knows it; the bytes live in the blob store under {@code digest}. */
public record ManifestRecord(String repository, Digest digest, String mediaType, long size, String artifactType,
                             Digest subject, Map<String, String> annotations, Instant created) {
    public ManifestRecord {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
