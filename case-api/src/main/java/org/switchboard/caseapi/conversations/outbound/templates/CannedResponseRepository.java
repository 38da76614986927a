package org.switchboard.caseapi.conversations.outbound.templates;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;
import static org.switchboard.caseapi.shared.JsonStringLists.fromJson;
import static org.switchboard.caseapi.shared.JsonStringLists.toJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CannedResponseRepository {

  private final JdbcClient jdbc;

  public CannedResponseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CannedResponse c) {
    jdbc.sql("""
        INSERT INTO canned_response (id, tenant_id, title, body, tags, created_at, created_by, updated_at,
          updated_by, version)
        VALUES (:id, :t, :title, :body, :tags, :at, :by, :at, :by, 1)
        """).param("id", c.id()).param("t", c.tenantId()).param("title", c.title()).param("body", c.body())
        .param("tags", toJson(c.tags())).param("at", ts(c.createdAt())).param("by", c.createdBy()).update();
  }

  public boolean update(CannedResponse c) {
    return jdbc.sql("""
        UPDATE canned_response SET title = :title, body = :body, tags = :tags, updated_at = :at, updated_by = :by,
          version = :version
        WHERE id = :id AND version = :previous
        """).param("id", c.id()).param("title", c.title()).param("body", c.body()).param("tags", toJson(c.tags()))
        .param("at", ts(c.updatedAt())).param("by", c.updatedBy()).param("version", c.version())
        .param("previous", c.version() - 1).update() == 1;
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM canned_response WHERE id = :id").param("id", id).update() == 1;
  }

  public Optional<CannedResponse> find(String id) {
    return jdbc.sql("SELECT * FROM canned_response WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public List<CannedResponse> list(String tenantId) {
    return jdbc.sql("SELECT * FROM canned_response WHERE tenant_id = :t ORDER BY title, id").param("t", tenantId)
        .query(this::map).list();
  }

  private CannedResponse map(ResultSet rs, int n) throws SQLException {
    return new CannedResponse(rs.getString("id"), rs.getString("tenant_id"), rs.getString("title"),
        rs.getString("body"), fromJson(rs.getString("tags")), instant(rs, "created_at"), rs.getString("created_by"),
        instant(rs, "updated_at"), rs.getString("updated_by"), rs.getLong("version"));
  }
}
