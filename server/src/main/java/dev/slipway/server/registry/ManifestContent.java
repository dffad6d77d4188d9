package dev.slipway.server.registry;

import dev.slipway.server.meta.ManifestRecord;

/** A manifest's record and its exact pushed bytes. */
public record ManifestContent(ManifestRecord record, byte[] bytes) {
}
