package dev.slipway.server.meta;

/** What changeable attributes belong to: the repository itself, one of its tags or one of its manifests. */
public enum AttributeKind {
    REPOSITORY("repository"),
    TAG("tag"),
    MANIFEST("manifest");

    private final String column;

    AttributeKind(String column) {
        this.column = column;
    }

    /** The value stored in the {@code kind} column. */
    String column() {
        return column;
    }

    static AttributeKind ofColumn(String value) {
        for (AttributeKind k : values()) {
            if (k.column.equals(value)) {
                return k;
            }
        }
        throw new IllegalStateException("unknown attribute kind in metadata: " + value);
    }
}
