package org.switchboard.caseapi.casetypes;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CaseTypeRepository {

  private static final RowMapper<CaseType> ROW = CaseTypeRepository::map;

  private final JdbcClient jdbc;

  public CaseTypeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CaseType> findById(String id) {
    return jdbc.sql("SELECT * FROM case_type WHERE id = :id").param("id", id).query(ROW).optional();
  }

  public Optional<CaseType> findShared(String key) {
    return jdbc.sql("SELECT * FROM case_type WHERE tenant_id IS NULL AND type_key = :key")
        .param("key", key).query(ROW).optional();
  }

  public Optional<CaseType> findOwnedBy(String tenantId, String key) {
    return jdbc.sql("SELECT * FROM case_type WHERE tenant_id = :tenantId AND type_key = :key")
        .param("tenantId", tenantId).param("key", key).query(ROW).optional();
  }

  /** Active shared types plus those of the given tenants; every active type when {@code tenantIds} is null. */
  public List<CaseType> listActive(Collection<String> tenantIds) {
    if (tenantIds == null) {
      return jdbc.sql("SELECT * FROM case_type WHERE active = TRUE ORDER BY type_key, tenant_id").query(ROW).list();
    }
    if (tenantIds.isEmpty()) {
      return jdbc.sql("SELECT * FROM case_type WHERE active = TRUE AND tenant_id IS NULL ORDER BY type_key")
          .query(ROW).list();
    }
    return jdbc.sql("""
        SELECT * FROM case_type WHERE active = TRUE AND (tenant_id IS NULL OR tenant_id IN (:tenantIds))
        ORDER BY type_key, tenant_id
        """)
        .param("tenantIds", new ArrayList<>(tenantIds)).query(ROW).list();
  }

  public void insert(CaseType t) {
    jdbc.sql("""
        INSERT INTO case_type (id, tenant_id, type_key, name, sector, process_key, form_definition,
          validation_rules, restricted, active, created_at)
        VALUES (:id, :tenantId, :key, :name, :sector, :processKey, :form, :rules, :restricted, :active, :createdAt)
        """)
        .param("id", t.id())
        .param("tenantId", t.tenantId())
        .param("key", t.key())
        .param("name", t.name())
        .param("sector", t.sector())
        .param("processKey", t.processKey())
        .param("form", t.formDefinition())
        .param("rules", t.validationRules())
        .param("restricted", t.restricted())
        .param("active", t.active())
        .param("createdAt", ts(t.createdAt()))
        .update();
  }

  /** Replaces the definition of an existing type; id, owner, key and creation time stay. */
  public void updateDefinition(CaseType t) {
    jdbc.sql("""
        UPDATE case_type SET name = :name, sector = :sector, process_key = :processKey, form_definition = :form,
          validation_rules = :rules, restricted = :restricted, active = :active
        WHERE id = :id
        """)
        .param("id", t.id())
        .param("name", t.name())
        .param("sector", t.sector())
        .param("processKey", t.processKey())
        .param("form", t.formDefinition())
        .param("rules", t.validationRules())
        .param("restricted", t.restricted())
        .param("active", t.active())
        .update();
  }

  private static CaseType map(ResultSet rs, int row) throws SQLException {
    return new CaseType(rs.getString("id"), rs.getString("tenant_id"), rs.getString("type_key"),
        rs.getString("name"), rs.getString("sector"), rs.getString("process_key"), rs.getString("form_definition"),
        rs.getString("validation_rules"), rs.getBoolean("restricted"), rs.getBoolean("active"),
        instant(rs, "created_at"));
  }
}
