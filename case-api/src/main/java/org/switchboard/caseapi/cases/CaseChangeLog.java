package org.switchboard.caseapi.cases;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;

/**
 * The case half of a case's history: who changed what, when. Append-only. Every entry is also an audit
 * event (field names only), written in the same transaction.
 */
@Component
public class CaseChangeLog {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final AuditRecorder audit;

  public CaseChangeLog(JdbcClient jdbc, ObjectMapper mapper, AuditRecorder audit) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.audit = audit;
  }

  public void record(CaseRecord c, String changeType, Instant at, String user, List<FieldChange> fields, String detail) {
    jdbc.sql("""
        INSERT INTO case_change (case_id, tenant_id, change_type, changed_at, changed_by, fields, detail)
        VALUES (:caseId, :tenantId, :type, :at, :user, :fields, :detail)
        """)
        .param("caseId", c.id())
        .param("tenantId", c.tenantId())
        .param("type", changeType)
        .param("at", ts(at))
        .param("user", user)
        .param("fields", fields.isEmpty() ? null : write(fields))
        .param("detail", detail)
        .update();
    audit.caseChanged(c.tenantId(), c.id(), changeType, user, fields.stream().map(FieldChange::field).toList());
  }

  public List<Entry> list(String caseId) {
    return jdbc.sql("SELECT * FROM case_change WHERE case_id = :caseId ORDER BY changed_at, id")
        .param("caseId", caseId)
        .query((rs, row) -> new Entry(rs.getLong("id"), rs.getString("change_type"), instant(rs, "changed_at"),
            rs.getString("changed_by"), read(rs.getString("fields")), rs.getString("detail")))
        .list();
  }

  private String write(List<FieldChange> fields) {
    try {
      return mapper.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<FieldChange> read(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return mapper.readValue(json, new TypeReference<>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One field's old and new value; values of confidential fields are left out (null). */
  public record FieldChange(String field, Object from, Object to) {
  }

  public record Entry(long id, String changeType, Instant at, String user, List<FieldChange> fields, String detail) {
  }
}
