-- H2 twin of db/vendor/postgresql/V8: audit rows cannot be updated or deleted, the chain head only moves
-- forward onto an existing row. (H2 has no TRUNCATE triggers; the embedded default's file is guarded by
-- the file system, and the hash chain and signed checkpoints reveal a truncation.)
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event
  FOR EACH ROW CALL 'org.switchboard.caseapi.audit.H2AuditTriggers$AppendOnly';

CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE, DELETE ON audit_chain_head
  FOR EACH ROW CALL 'org.switchboard.caseapi.audit.H2AuditTriggers$HeadForwardOnly';
