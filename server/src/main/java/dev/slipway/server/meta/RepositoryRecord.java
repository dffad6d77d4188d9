package dev.slipway.server.meta;

import java.time.Instant;

/** A repository with its counts; {@code updated} is the latest of its creation, manifest pushes and tag moves. */
public record RepositoryRecord(String name, Instant created, Instant updated, long manifestCount, long tagCount) {
}
