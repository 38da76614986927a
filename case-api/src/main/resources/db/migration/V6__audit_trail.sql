-- Append-only audit trail, hash-chained (see audit.JdbcAuditTrail for the hash).
CREATE TABLE audit_event (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    action       VARCHAR(60)  NOT NULL,
    actor        VARCHAR(100),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant_id    VARCHAR(64),
    object_type  VARCHAR(40),
    object_id    VARCHAR(100),
    source       VARCHAR(100),
    client       VARCHAR(200),
    outcome      VARCHAR(10)  NOT NULL,
    details      TEXT         NOT NULL,
    prev_hash    VARCHAR(64)  NOT NULL,
    hash         VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_audit_tenant_time ON audit_event (tenant_id, occurred_at);
CREATE INDEX ix_audit_object ON audit_event (object_type, object_id);
CREATE INDEX ix_audit_actor_time ON audit_event (actor, occurred_at);

-- One row: the end of the chain. Appends lock it, so the chain is a single line even with many writers.
CREATE TABLE audit_chain_head (
    id         INTEGER     NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
