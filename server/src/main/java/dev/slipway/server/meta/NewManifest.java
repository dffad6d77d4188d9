package dev.slipway.server.meta;

import dev.slipway.oci.Digest;
import java.util.List;
import java.util.Map;

/**
 * A manifest to record, with what it references. {@code blobs} are config and layers, {@code children}
 * the manifests of an index.
 */
public record NewManifest(String repository, Digest digest, String mediaType, long size, String artifactType,
                          Digest subject, Map<String, String> annotations, List<Digest> blobs, List<Digest> children) {
    public NewManifest {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        blobs = List.copyOf(blobs);
        children = List.copyOf(children);
    }
}
