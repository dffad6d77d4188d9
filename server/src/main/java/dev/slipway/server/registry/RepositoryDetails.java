package dev.slipway.server.registry;

import dev.slipway.server.meta.Attributes;
import dev.slipway.server.meta.RepositoryRecord;

/** A repository as the /acr/v1 API shows it: counts, times and its own changeable attributes. */
public record RepositoryDetails(RepositoryRecord repository, Attributes attributes) {
}
