package dev.slipway.server.meta;

import dev.slipway.oci.Digest;
import java.time.Instant;

public record TagRecord(String repository, String name, Digest digest, Instant created, Instant updated) {
}
