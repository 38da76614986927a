-- Envelope encryption (see docs/data-protection.md). Data-encryption keys (DEKs) are stored only wrapped
-- by the tenant's key-encryption key (KEK); KEKs never reach the database, only their version number does.
CREATE TABLE data_key (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,   -- key id written into every ciphertext
    tenant_id     VARCHAR(64)  NOT NULL,
    subject_type  VARCHAR(20)  NOT NULL,               -- CASE or CONTACT: the data subject the key belongs to
    subject_id    VARCHAR(100) NOT NULL,
    version       INTEGER      NOT NULL,
    state         VARCHAR(12)  NOT NULL,               -- ACTIVE, RETIRING (rows being re-encrypted), RETIRED (no rows left)
    wrapped_key   TEXT         NOT NULL,               -- AES-GCM under the KEK named by kek_id
    kek_id        VARCHAR(120) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_data_key_subject_version UNIQUE (tenant_id, subject_type, subject_id, version)
);
CREATE INDEX ix_data_key_tenant_state ON data_key (tenant_id, state);

-- Current KEK version per tenant; the key itself is derived from the master key outside the database.
CREATE TABLE tenant_kek (
    tenant_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    kek_version  INTEGER     NOT NULL,
    rotated_at   TIMESTAMP WITH TIME ZONE
);

-- Encryptions reserved per data key (NIST SP 800-38D 8.3: at most 2^32 random-nonce invocations per key).
-- Nodes reserve blocks before using them, so a crash can only over-count. Kept apart from data_key because
-- writers hold a lock on their data_key row while they encrypt.
CREATE TABLE data_key_usage (
    key_id       VARCHAR(40) NOT NULL PRIMARY KEY,
    invocations  BIGINT      NOT NULL
);
