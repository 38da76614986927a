package org.switchboard.caseapi.audit;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads audit_event by the auditor filters; tenant scoping is applied by the caller through {@code tenants}. */
@Component
public class AuditEventSearch {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  public AuditEventSearch(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /**
   * {@code tenants} null means every event (admins); otherwise only events of those tenants, never the
   * tenant-less ones (logins, platform configuration).
   */
  public record Filter(Collection<String> tenants, String caseId, String actor, String action, Instant from,
      Instant to) {
  }

  public long count(Filter f) {
    Where where = where(f);
    JdbcClient.StatementSpec spec = jdbc.sql("SELECT count(*) FROM audit_event" + where.sql());
    where.params().forEach(spec::param);
    return spec.query(Long.class).single();
  }

  /** Newest first when {@code newestFirst}, else in chain order. */
  public List<StoredAuditEvent> find(Filter f, int offset, int limit, boolean newestFirst) {
    Where where = where(f);
    JdbcClient.StatementSpec spec = jdbc.sql("SELECT * FROM audit_event" + where.sql() + " ORDER BY seq "
        + (newestFirst ? "DESC" : "ASC") + " LIMIT :limit OFFSET :offset");
    where.params().forEach(spec::param);
    return spec.param("limit", limit).param("offset", offset).query(this::row).list();
  }

  /** Events of one tenant about one object (e.g. a contact), in chain order: for data-subject exports. */
  public List<StoredAuditEvent> about(String tenantId, String objectType, String objectId) {
    return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :t AND object_type = :type AND object_id = :id "
            + "ORDER BY seq")
        .param("t", tenantId).param("type", objectType).param("id", objectId)
        .query(this::row).list();
  }

  private record Where(String sql, Map<String, Object> params) {
  }

  private static Where where(Filter f) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> params = new java.util.HashMap<>();
    if (f.tenants() != null) {
      if (f.tenants().isEmpty()) {
        clauses.add("1 = 0");
      } else {
        clauses.add("tenant_id IN (:tenants)");
        params.put("tenants", List.copyOf(f.tenants()));
      }
    }
    if (f.caseId() != null) {
      // The case itself, or objects of it (documents) whose details name it.
      clauses.add("((object_type = 'case' AND object_id = :caseId) OR details LIKE :caseIdInDetails)");
      params.put("caseId", f.caseId());
      params.put("caseIdInDetails", "%\"caseId\":\"" + f.caseId().replace("%", "").replace("_", "\\_") + "\"%");
    }
    if (f.actor() != null) {
      clauses.add("actor = :actor");
      params.put("actor", f.actor());
    }
    if (f.action() != null) {
      clauses.add("action = :action");
      params.put("action", f.action());
    }
    if (f.from() != null) {
      clauses.add("occurred_at >= :from");
      params.put("from", ts(f.from()));
    }
    if (f.to() != null) {
      clauses.add("occurred_at < :to");
      params.put("to", ts(f.to()));
    }
    return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
  }

  private StoredAuditEvent row(ResultSet rs, int rowNum) throws SQLException {
    Map<String, Object> details;
    try {
      details = mapper.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() { });
    } catch (IOException e) {
      // A row that was tampered with into invalid JSON is still shown; the verifier reports it.
      details = Map.of("unreadable", rs.getString("details"));
    }
    return new StoredAuditEvent(rs.getLong("seq"), rs.getString("action"), rs.getString("actor"),
        instant(rs, "occurred_at"), rs.getString("tenant_id"), rs.getString("object_type"),
        rs.getString("object_id"), rs.getString("source"), rs.getString("client"), rs.getString("outcome"), details,
        rs.getString("prev_hash"), rs.getString("hash"));
  }
}
