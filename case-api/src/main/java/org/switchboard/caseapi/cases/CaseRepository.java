package org.switchboard.caseapi.cases;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.integer;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.crypto.CaseDataProtection;
import org.switchboard.caseapi.shared.Jdbc;

@Repository
public class CaseRepository {

  private final RowMapper<CaseRecord> rowMapper;

  private final JdbcClient jdbc;
  private final CaseDataProtection protection;

  /** Description and confidential custom fields are encrypted here on write and decrypted on read. */
  public CaseRepository(JdbcClient jdbc, CaseDataProtection protection) {
    this.jdbc = jdbc;
    this.protection = protection;
    this.rowMapper = this::map;
  }

  public void insert(CaseRecord c) {
    jdbc.sql("""
        INSERT INTO case_record (id, tenant_id, case_type, sector, title, description, status, priority,
          risk_level, risk_score, team, assignee, channel, contact_id, custom_fields, process_instance_id,
          first_response_due_at, resolution_due_at, sla_breached, escalated, closure_reason, outcome,
          feedback_score, merged_into_case_id, created_at, created_by, updated_at, updated_by, closed_at,
          deleted_at, deleted_by, version, anonymous)
        VALUES (:id, :tenantId, :caseType, :sector, :title, :description, :status, :priority,
          :riskLevel, :riskScore, :team, :assignee, :channel, :contactId, :customFields, :processInstanceId,
          :firstResponseDueAt, :resolutionDueAt, :slaBreached, :escalated, :closureReason, :outcome,
          :feedbackScore, :mergedIntoCaseId, :createdAt, :createdBy, :updatedAt, :updatedBy, :closedAt,
          :deletedAt, :deletedBy, 0, :anonymous)
        """)
        .params(params(c))
        .update();
  }

  /**
   * Writes the record if nobody changed it since it was read ({@code version} matches).
   *
   * @return the stored record with its new version, or empty when another writer got there first
   */
  public Optional<CaseRecord> update(CaseRecord c) {
    int rows = jdbc.sql("""
        UPDATE case_record SET title = :title, description = :description, status = :status,
          priority = :priority, risk_level = :riskLevel, risk_score = :riskScore, team = :team,
          assignee = :assignee, contact_id = :contactId, custom_fields = :customFields,
          process_instance_id = :processInstanceId, first_response_due_at = :firstResponseDueAt,
          resolution_due_at = :resolutionDueAt, sla_breached = :slaBreached, escalated = :escalated,
          closure_reason = :closureReason, outcome = :outcome, feedback_score = :feedbackScore,
          merged_into_case_id = :mergedIntoCaseId, updated_at = :updatedAt, updated_by = :updatedBy,
          closed_at = :closedAt, deleted_at = :deletedAt, deleted_by = :deletedBy, version = version + 1
        WHERE id = :id AND version = :version
        """)
        .params(params(c))
        .param("version", c.version())
        .update();
    return rows == 1 ? findById(c.id()) : Optional.empty();
  }

  public Optional<CaseRecord> findById(String id) {
    return jdbc.sql("SELECT * FROM case_record WHERE id = :id").param("id", id).query(rowMapper).optional();
  }

  /** True when the viewer may see the case by team, assignment, authorship, grant or rank (not by tenant). */
  public boolean visibleTo(String id, CaseVisibility.Viewer viewer) {
    if (viewer == null) {
      return true;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("id", id);
    String sql = "SELECT COUNT(*) FROM case_record WHERE id = :id AND " + CaseVisibility.predicate(viewer, params);
    return jdbc.sql(sql).params(params).query(Long.class).single() > 0;
  }

  /** Those of the ids the viewer may see (tenants are the caller's concern). */
  public Set<String> visibleAmong(Collection<String> ids, CaseVisibility.Viewer viewer) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("ids", new ArrayList<>(new HashSet<>(ids)));
    String sql = "SELECT id FROM case_record WHERE id IN (:ids)"
        + (viewer == null ? "" : " AND " + CaseVisibility.predicate(viewer, params));
    return new HashSet<>(jdbc.sql(sql).params(params).query(String.class).list());
  }

  /** Reads the row and locks it until the transaction ends; engine callbacks use this to serialise on a case. */
  public Optional<CaseRecord> findByIdForUpdate(String id) {
    return jdbc.sql("SELECT * FROM case_record WHERE id = :id FOR UPDATE").param("id", id).query(rowMapper).optional();
  }

  public Page<CaseRecord> search(CaseQuery q) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (q.tenantIds() != null) {
      if (q.tenantIds().isEmpty()) {
        return new Page<>(List.of(), q.page(), q.size(), 0);
      }
      where.append(" AND tenant_id IN (:tenantIds)");
      params.put("tenantIds", new ArrayList<>(q.tenantIds()));
    }
    if (!q.includeDeleted()) {
      where.append(" AND deleted_at IS NULL");
    }
    if (q.viewer() != null) {
      where.append(" AND ").append(CaseVisibility.predicate(q.viewer(), params));
    }
    filter(where, params, "status", q.status() == null ? null : q.status().name());
    filter(where, params, "priority", q.priority() == null ? null : q.priority().name());
    filter(where, params, "risk_level", q.riskLevel() == null ? null : q.riskLevel().name());
    filter(where, params, "team", q.team());
    filter(where, params, "assignee", q.assignee());
    filter(where, params, "case_type", q.caseType());
    if (q.text() != null && !q.text().isBlank()) {
      where.append(" AND (LOWER(title) LIKE :text ESCAPE '\\' OR LOWER(id) LIKE :text ESCAPE '\\')");
      params.put("text", Jdbc.likePattern(q.text().trim()));
    }
    long total = jdbc.sql("SELECT COUNT(*) FROM case_record" + where).params(params).query(Long.class).single();
    String order = " ORDER BY " + q.sort().column() + (q.ascending() ? " ASC" : " DESC") + ", id ASC";
    List<CaseRecord> items = jdbc.sql("SELECT * FROM case_record" + where + order + " LIMIT :limit OFFSET :offset")
        .params(params)
        .param("limit", q.size())
        .param("offset", (long) q.page() * q.size())
        .query(rowMapper)
        .list();
    return new Page<>(items, q.page(), q.size(), total);
  }

  private static void filter(StringBuilder where, Map<String, Object> params, String column, String value) {
    if (value != null && !value.isBlank()) {
      where.append(" AND ").append(column).append(" = :").append(column);
      params.put(column, value);
    }
  }

  private Map<String, Object> params(CaseRecord c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", c.id());
    p.put("tenantId", c.tenantId());
    p.put("caseType", c.caseType());
    p.put("sector", c.sector());
    p.put("title", c.title());
    p.put("description", protection.sealDescription(c.id(), c.tenantId(), c.description()));
    p.put("status", c.status().name());
    p.put("priority", c.priority().name());
    p.put("riskLevel", c.riskLevel() == null ? null : c.riskLevel().name());
    p.put("riskScore", c.riskScore());
    p.put("team", c.team());
    p.put("assignee", c.assignee());
    p.put("channel", c.channel());
    p.put("contactId", c.contactId());
    p.put("customFields", protection.sealCustomFields(c.id(), c.tenantId(), c.caseType(), c.customFields()));
    p.put("processInstanceId", c.processInstanceId());
    p.put("firstResponseDueAt", ts(c.firstResponseDueAt()));
    p.put("resolutionDueAt", ts(c.resolutionDueAt()));
    p.put("slaBreached", c.slaBreached());
    p.put("escalated", c.escalated());
    p.put("closureReason", c.closureReason());
    p.put("outcome", c.outcome());
    p.put("feedbackScore", c.feedbackScore());
    p.put("mergedIntoCaseId", c.mergedIntoCaseId());
    p.put("createdAt", ts(c.createdAt()));
    p.put("createdBy", c.createdBy());
    p.put("updatedAt", ts(c.updatedAt()));
    p.put("updatedBy", c.updatedBy());
    p.put("closedAt", ts(c.closedAt()));
    p.put("deletedAt", ts(c.deletedAt()));
    p.put("deletedBy", c.deletedBy());
    p.put("anonymous", c.anonymous());
    return p;
  }

  private CaseRecord map(ResultSet rs, int row) throws SQLException {
    String risk = rs.getString("risk_level");
    String id = rs.getString("id");
    String tenantId = rs.getString("tenant_id");
    return new CaseRecord(
        id, tenantId, rs.getString("case_type"), rs.getString("sector"),
        rs.getString("title"), protection.openDescription(id, tenantId, rs.getString("description")), CaseStatus.valueOf(rs.getString("status")),
        Priority.valueOf(rs.getString("priority")), risk == null ? null : RiskLevel.valueOf(risk),
        integer(rs, "risk_score"), rs.getString("team"), rs.getString("assignee"), rs.getString("channel"),
        rs.getString("contact_id"),
        protection.openCustomFields(id, tenantId, rs.getString("custom_fields")), rs.getString("process_instance_id"),
        instant(rs, "first_response_due_at"), instant(rs, "resolution_due_at"), rs.getBoolean("sla_breached"),
        rs.getBoolean("escalated"), rs.getString("closure_reason"), rs.getString("outcome"),
        integer(rs, "feedback_score"), rs.getString("merged_into_case_id"), instant(rs, "created_at"),
        rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"),
        instant(rs, "closed_at"), instant(rs, "deleted_at"), rs.getString("deleted_by"), rs.getLong("version"),
        rs.getBoolean("anonymous"));
  }

  /** One page of results with the total count for paging controls. */
  public record Page<T>(List<T> items, int page, int size, long total) {
  }
}
