package dev.slipway.server.meta;

/** One stored set of changeable attributes; {@code name} is empty for a repository, a tag or a digest otherwise. */
public record AttributeRecord(String repository, AttributeKind kind, String name, Attributes attributes) {
}
