-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.
CREATE TABLE repositories (
    name        TEXT   NOT NULL PRIMARY KEY,
    created_at  BIGINT NOT NULL
);

CREATE TABLE repository_blobs (
    repository  TEXT   NOT NULL,
    digest      TEXT   NOT NULL,
    size        BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (repository, digest)
);
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository     TEXT   NOT NULL,
    digest         TEXT   NOT NULL,
    media_type     TEXT   NOT NULL,
    size           BIGINT NOT NULL,
    artifact_type  TEXT,
    subject        TEXT,
    annotations    TEXT,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (repository, digest)
);
CREATE INDEX manifests_subject ON manifests (repository, subject);

-- kind: 'blob' (config, layer) or 'manifest' (child of an index)
CREATE TABLE manifest_references (
    repository  TEXT NOT NULL,
    digest      TEXT NOT NULL,
    reference   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (repository, digest, reference)
);
CREATE INDEX manifest_references_reference ON manifest_references (repository, reference);

CREATE TABLE tags (
    repository  TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    digest      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (repository, name)
);
CREATE INDEX tags_digest ON tags (repository, digest);

CREATE TABLE uploads (
    id          TEXT   NOT NULL PRIMARY KEY,
    repository  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX uploads_created ON uploads (created_at);
