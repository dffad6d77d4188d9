package dev.slipway.oci;

import java.util.List;
import java.util.Map;

/** An OCI content descriptor. {@code artifactType}, {@code annotations} and {@code urls} may be absent (null/empty). */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, List<String> urls) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    /** Non-distributable layers live elsewhere, so a registry need not hold them. */
    public boolean isForeign() {
        return !urls.isEmpty() || MediaTypes.DOCKER_FOREIGN_LAYER.equals(mediaType)
                || (mediaType != null && mediaType.contains(".nondistributable."));
    }
}
