package org.switchboard.caseapi.links;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.cases.CaseStatus;

@Repository
public class LinkRepository {

  private static final RowMapper<CaseLink> ROW = (rs, row) -> map(rs);

  private final JdbcClient jdbc;

  public LinkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CaseLink link) {
    jdbc.sql("""
        INSERT INTO case_link (id, tenant_id, source_case_id, target_case_id, link_type, created_at, created_by)
        VALUES (:id, :tenantId, :source, :target, :type, :createdAt, :createdBy)
        """)
        .param("id", link.id())
        .param("tenantId", link.tenantId())
        .param("source", link.sourceCaseId())
        .param("target", link.targetCaseId())
        .param("type", link.type().name())
        .param("createdAt", ts(link.createdAt()))
        .param("createdBy", link.createdBy())
        .update();
  }

  public Optional<CaseLink> find(String linkId) {
    return jdbc.sql("SELECT * FROM case_link WHERE id = :id").param("id", linkId).query(ROW).optional();
  }

  /** A link of this type between the two cases, whichever way round it was made. */
  public Optional<CaseLink> findBetween(String a, String b, LinkType type) {
    return jdbc.sql("""
        SELECT * FROM case_link WHERE link_type = :type
          AND ((source_case_id = :a AND target_case_id = :b) OR (source_case_id = :b AND target_case_id = :a))
        """)
        .param("type", type.name()).param("a", a).param("b", b)
        .query(ROW).optional();
  }

  public void delete(String linkId) {
    jdbc.sql("DELETE FROM case_link WHERE id = :id").param("id", linkId).update();
  }

  /** Links in both directions, seen from {@code caseId}; links to soft-deleted cases are left out. */
  public List<LinkedCase> linksOf(String caseId) {
    return jdbc.sql("""
        SELECT l.*, 'OUTGOING' AS direction, o.id AS other_id, o.title AS other_title, o.status AS other_status
          FROM case_link l JOIN case_record o ON o.id = l.target_case_id
         WHERE l.source_case_id = :caseId AND o.deleted_at IS NULL
        UNION ALL
        SELECT l.*, 'INCOMING' AS direction, o.id AS other_id, o.title AS other_title, o.status AS other_status
          FROM case_link l JOIN case_record o ON o.id = l.source_case_id
         WHERE l.target_case_id = :caseId AND o.deleted_at IS NULL
        ORDER BY created_at, id
        """)
        .param("caseId", caseId)
        .query((rs, row) -> new LinkedCase(map(rs), Direction.valueOf(rs.getString("direction")),
            rs.getString("other_id"), rs.getString("other_title"), CaseStatus.valueOf(rs.getString("other_status"))))
        .list();
  }

  private static CaseLink map(ResultSet rs) throws SQLException {
    return new CaseLink(rs.getString("id"), rs.getString("tenant_id"), rs.getString("source_case_id"),
        rs.getString("target_case_id"), LinkType.valueOf(rs.getString("link_type")), instant(rs, "created_at"),
        rs.getString("created_by"));
  }

  /** Whether the case the links were listed for is the link's source (OUTGOING) or its target (INCOMING). */
  public enum Direction { OUTGOING, INCOMING }

  public record LinkedCase(CaseLink link, Direction direction, String otherCaseId, String otherCaseTitle,
      CaseStatus otherCaseStatus) {
  }
}
