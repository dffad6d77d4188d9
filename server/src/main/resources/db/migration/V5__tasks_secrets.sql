-- Named tasks (ACR's task resource) and the built-in secret store. Times are epoch milliseconds.
-- definition_json holds the task's step, values, arguments and credentials; every secret value inside it
-- (secret values and arguments, the git access token, credential usernames and passwords) is AES-GCM encrypted
-- with the key in DATA/secrets.key.
CREATE TABLE tasks (
    name             TEXT    NOT NULL PRIMARY KEY,
    status           TEXT    NOT NULL,
    platform         TEXT    NOT NULL,
    cpu              INTEGER NOT NULL,
    timeout_seconds  INTEGER NOT NULL,
    context          TEXT    NOT NULL,
    step_type        TEXT    NOT NULL,
    definition_json  TEXT    NOT NULL,
    created_time     BIGINT  NOT NULL,
    updated_time     BIGINT  NOT NULL
);

-- Secrets (Key Vault stand-in): value_enc is base64(nonce || AES-GCM ciphertext and tag).
CREATE TABLE secrets (
    name          TEXT   NOT NULL PRIMARY KEY,
    value_enc     TEXT   NOT NULL,
    created_time  BIGINT NOT NULL,
    updated_time  BIGINT NOT NULL
);
