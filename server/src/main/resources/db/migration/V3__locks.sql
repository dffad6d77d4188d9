-- Changeable attributes (locks) of repositories, tags and manifests (portable SQL). Times are epoch milliseconds.
-- kind: 'repository' (name = ''), 'tag' (name = the tag) or 'manifest' (name = the digest).
-- A missing row means every attribute is enabled; flags are 1 (enabled) or 0.
CREATE TABLE attributes (
    repository      TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    delete_enabled  INTEGER NOT NULL,
    write_enabled   INTEGER NOT NULL,
    read_enabled    INTEGER NOT NULL,
    list_enabled    INTEGER NOT NULL,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (repository, kind, name)
);
CREATE INDEX attributes_unlisted ON attributes (kind, list_enabled);
