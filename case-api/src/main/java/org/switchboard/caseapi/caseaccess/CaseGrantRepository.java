package org.switchboard.caseapi.caseaccess;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code case_access}; {@code cases.CaseVisibility} reads the same table when deciding who sees a case. */
@Repository
public class CaseGrantRepository {

  private static final RowMapper<CaseGrant> ROW = (rs, row) -> new CaseGrant(rs.getString("case_id"),
      rs.getString("user_id"), rs.getString("tenant_id"), instant(rs, "granted_at"), rs.getString("granted_by"));

  private final JdbcClient jdbc;

  public CaseGrantRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CaseGrant> find(String caseId, String userId) {
    return jdbc.sql("SELECT * FROM case_access WHERE case_id = :caseId AND user_id = :userId")
        .param("caseId", caseId).param("userId", userId).query(ROW).optional();
  }

  public List<CaseGrant> ofCase(String caseId) {
    return jdbc.sql("SELECT * FROM case_access WHERE case_id = :caseId ORDER BY granted_at, user_id")
        .param("caseId", caseId).query(ROW).list();
  }

  public void insert(CaseGrant g) {
    jdbc.sql("""
        INSERT INTO case_access (case_id, user_id, tenant_id, granted_at, granted_by)
        VALUES (:caseId, :userId, :tenantId, :grantedAt, :grantedBy)
        """)
        .param("caseId", g.caseId()).param("userId", g.userId()).param("tenantId", g.tenantId())
        .param("grantedAt", ts(g.grantedAt())).param("grantedBy", g.grantedBy())
        .update();
  }

  public boolean delete(String caseId, String userId) {
    return jdbc.sql("DELETE FROM case_access WHERE case_id = :caseId AND user_id = :userId")
        .param("caseId", caseId).param("userId", userId).update() == 1;
  }
}
