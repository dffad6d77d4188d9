package dev.slipway.server.meta;

/** The order of a detailed listing: by name (tags) or digest (manifests), or by last update time. */
public enum ListOrder {
    NAME,
    TIME_ASC,
    TIME_DESC
}
