package dev.slipway.server.registry;

import dev.slipway.oci.Digest;

/** A stored manifest: its digest and, when it refers to another manifest, that subject. */
public record PutManifestResult(Digest digest, Digest subject) {
}
