package dev.slipway.oci;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the registry needs to know about a pushed manifest or index. The pushed bytes stay the source of
 * truth; this is read from them and never serialised back.
 *
 * @param config    the config descriptor of an image manifest, null for an index
 * @param layers    the layers of an image manifest (empty for an index)
 * @param children  the child manifests of an index (empty for an image manifest)
 * @param subject   the manifest this one refers to (referrers API), or null
 */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, List<Descriptor> children,
                       Descriptor subject, String artifactType, Map<String, String> annotations) {

    public Manifest {
        layers = List.copyOf(layers);
        children = List.copyOf(children);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Blobs that must be present in the repository for this manifest to be accepted. */
    public List<Descriptor> requiredBlobs() {
        return Stream.concat(Stream.ofNullable(config), layers.stream()).filter(d -> !d.isForeign()).toList();
    }

    /**
     * The artifact type reported by the referrers API: the manifest's own {@code artifactType}, else the
     * config media type of an image manifest (OCI spec 1.1).
     */
    public String effectiveArtifactType() {
        if (artifactType != null) {
            return artifactType;
        }
        return config == null ? null : config.mediaType();
    }
}
