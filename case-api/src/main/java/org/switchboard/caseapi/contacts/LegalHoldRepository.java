package org.switchboard.caseapi.contacts;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class LegalHoldRepository {

  private static final RowMapper<LegalHold> ROW = (rs, n) -> new LegalHold(rs.getString("id"),
      rs.getString("tenant_id"), rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("reason"),
      rs.getString("placed_by"), instant(rs, "placed_at"), rs.getString("released_by"), instant(rs, "released_at"));

  private final JdbcClient jdbc;

  public LegalHoldRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(LegalHold h) {
    jdbc.sql("""
        INSERT INTO legal_hold (id, tenant_id, subject_type, subject_id, reason, placed_by, placed_at)
        VALUES (:id, :t, :st, :sid, :reason, :by, :at)
        """)
        .param("id", h.id()).param("t", h.tenantId()).param("st", h.subjectType()).param("sid", h.subjectId())
        .param("reason", h.reason()).param("by", h.placedBy()).param("at", ts(h.placedAt()))
        .update();
  }

  public Optional<LegalHold> find(String subjectType, String subjectId, String holdId) {
    return jdbc.sql("SELECT * FROM legal_hold WHERE id = :id AND subject_type = :st AND subject_id = :sid")
        .param("id", holdId).param("st", subjectType).param("sid", subjectId).query(ROW).optional();
  }

  /** Active holds, oldest first. */
  public List<LegalHold> active(String subjectType, String subjectId) {
    return jdbc.sql("SELECT * FROM legal_hold WHERE subject_type = :st AND subject_id = :sid "
            + "AND released_at IS NULL ORDER BY placed_at, id")
        .param("st", subjectType).param("sid", subjectId).query(ROW).list();
  }

  public List<LegalHold> all(String subjectType, String subjectId) {
    return jdbc.sql("SELECT * FROM legal_hold WHERE subject_type = :st AND subject_id = :sid ORDER BY placed_at, id")
        .param("st", subjectType).param("sid", subjectId).query(ROW).list();
  }

  /** Releases an active hold; false when it was released already. */
  public boolean release(String holdId, String by, Instant at) {
    return jdbc.sql("UPDATE legal_hold SET released_by = :by, released_at = :at WHERE id = :id AND released_at IS NULL")
        .param("by", by).param("at", ts(at)).param("id", holdId).update() == 1;
  }
}
