-- Task runs (quick builds and runs now; task runs later). Portable SQL; times are epoch milliseconds.
-- request_json is what to execute (a queued run survives a restart); secret values are blanked when it ends.
CREATE TABLE runs (
    id               TEXT    NOT NULL PRIMARY KEY,
    seq              BIGINT  NOT NULL UNIQUE,
    status           TEXT    NOT NULL,
    run_type         TEXT    NOT NULL,
    run_trigger      TEXT    NOT NULL,
    task_name        TEXT,
    platform_os      TEXT    NOT NULL,
    platform_arch    TEXT    NOT NULL,
    registry         TEXT    NOT NULL,
    create_time      BIGINT  NOT NULL,
    start_time       BIGINT,
    finish_time      BIGINT,
    output_images    TEXT,
    error_message    TEXT,
    request_json     TEXT    NOT NULL,
    archive_enabled  INTEGER NOT NULL DEFAULT 0,
    log_deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_status ON runs (status, seq);
CREATE INDEX runs_finish ON runs (finish_time);

-- The run id counter (ids are unique per registry; one server is one registry).
CREATE TABLE run_counter (
    name   TEXT   NOT NULL PRIMARY KEY,
    value  BIGINT NOT NULL
);
INSERT INTO run_counter (name, value) VALUES ('runs', 0);
