-- H2 twin of db/vendor/postgresql/V22 (docs/audit.md "Retention"): the retention anchor, which only moves
-- forward onto an existing row whose prev_hash it names, and audit_event rows deletable only below it.
CREATE TABLE audit_chain_anchor (
    id           INTEGER     NOT NULL PRIMARY KEY,
    first_seq    BIGINT      NOT NULL,
    prev_hash    VARCHAR(64) NOT NULL,
    purged_at    TIMESTAMP WITH TIME ZONE,
    purge_count  BIGINT      NOT NULL,
    purged_rows  BIGINT      NOT NULL
);
INSERT INTO audit_chain_anchor (id, first_seq, prev_hash, purged_at, purge_count, purged_rows)
VALUES (1, 1, '0000000000000000000000000000000000000000000000000000000000000000', NULL, 0, 0);

CREATE TRIGGER audit_chain_anchor_forward_only BEFORE UPDATE, DELETE ON audit_chain_anchor
  FOR EACH ROW CALL 'org.switchboard.caseapi.audit.H2AuditTriggers$AnchorForwardOnly';

DROP TRIGGER audit_event_append_only;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event
  FOR EACH ROW CALL 'org.switchboard.caseapi.audit.H2AuditTriggers$AppendOnlyAboveAnchor';
