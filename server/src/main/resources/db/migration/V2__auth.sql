-- Access control (portable SQL). Times are epoch milliseconds.
CREATE TABLE registry_settings (
    name   TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE scope_maps (
    name         TEXT   NOT NULL PRIMARY KEY,
    description  TEXT,
    type         TEXT   NOT NULL,
    actions      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE tokens (
    name        TEXT   NOT NULL PRIMARY KEY,
    scope_map   TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

-- owner: 'admin' or 'token:<name>'; slot: 'password1' | 'password2'
CREATE TABLE passwords (
    owner       TEXT   NOT NULL,
    slot        TEXT   NOT NULL,
    hash        TEXT   NOT NULL,
    expires_at  BIGINT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (owner, slot)
);

CREATE TABLE audit_events (
    id      TEXT   NOT NULL PRIMARY KEY,
    at      BIGINT NOT NULL,
    actor   TEXT   NOT NULL,
    action  TEXT   NOT NULL,
    target  TEXT   NOT NULL,
    detail  TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
