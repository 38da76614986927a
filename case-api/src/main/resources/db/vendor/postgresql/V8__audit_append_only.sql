-- The audit trail is append-only at the database level, not by convention: UPDATE, DELETE and TRUNCATE
-- of audit_event are refused for every role, the table owner included, unless a superuser or the owner
-- deliberately disables the triggers (which the hash chain and the signed checkpoints then reveal).
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- The head only moves forward, and only onto a row that exists with that hash: winding it back to hide
-- a truncated tail is refused too.
CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.last_seq <= OLD.last_seq
     OR NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
    RAISE EXCEPTION 'audit_chain_head may only advance to an existing row' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_chain_head_forward_only
  BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();

CREATE TRIGGER audit_chain_head_no_truncate
  BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
