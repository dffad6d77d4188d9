package dev.slipway.server.registry;

import dev.slipway.server.meta.Attributes;
import dev.slipway.server.meta.ManifestRecord;
import java.util.List;

/**
 * A manifest with its image size (its own bytes plus config and layers), the tags pointing at it and its own
 * changeable attributes.
 */
public record ManifestDetails(ManifestRecord manifest, long imageSize, List<String> tags, Attributes attributes) {
    public ManifestDetails {
        tags = List.copyOf(tags);
    }
}
