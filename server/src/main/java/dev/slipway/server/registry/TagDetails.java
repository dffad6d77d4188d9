package dev.slipway.server.registry;

import dev.slipway.server.meta.Attributes;
import dev.slipway.server.meta.TagRecord;

/** A tag with its own changeable attributes (not its manifest's). */
public record TagDetails(TagRecord tag, Attributes attributes) {
}
