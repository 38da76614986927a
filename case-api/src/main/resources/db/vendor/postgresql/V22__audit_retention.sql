-- Audit retention (docs/audit.md "Retention"): old rows may be deleted, but only below a chain anchor that
-- moves forward onto the row that follows them, so the kept chain still starts at a known hash.
-- One row: first_seq is the first kept row, prev_hash that row's prev_hash (= the hash of the last purged
-- row, or 64 zeros before any purge). Only the retention job moves it, after signing a purge record outside
-- the database; the verifier refuses an anchor that no signed purge record vouches for.
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

-- The anchor only moves forward, one purge at a time, onto an existing row whose prev_hash it names.
CREATE FUNCTION audit_chain_anchor_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_anchor: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.first_seq <= OLD.first_seq OR NEW.purge_count <> OLD.purge_count + 1
     OR NEW.purged_rows <= OLD.purged_rows OR NEW.purged_at IS NULL
     OR NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.first_seq AND prev_hash = NEW.prev_hash) THEN
    RAISE EXCEPTION 'audit_chain_anchor may only advance onto an existing row whose prev_hash it names'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_chain_anchor_forward_only
  BEFORE UPDATE OR DELETE ON audit_chain_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_chain_anchor_forward_only();

CREATE TRIGGER audit_chain_anchor_no_truncate
  BEFORE TRUNCATE ON audit_chain_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- audit_event stays append-only (V8) except for rows below the anchor: those, and only those, may be deleted.
-- UPDATE and TRUNCATE remain refused for every role.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.seq < (SELECT first_seq FROM audit_chain_anchor WHERE id = 1) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % of seq % refused (only rows below the retention anchor may be deleted)',
    TG_OP, OLD.seq USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
