package org.switchboard.caseapi.ai.config;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.workers.ai.AiService;

/** Rows of {@code ai_service_config}; provider chains are stored as JSON. */
@Repository
public class AiConfigRepository {

  private static final TypeReference<List<ProviderChoice>> CHAIN = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  public AiConfigRepository(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public Optional<AiServiceConfig> find(String tenantId, AiService service) {
    return jdbc.sql("""
            SELECT enabled, providers, redaction, quota_limit, quota_period, version
            FROM ai_service_config WHERE tenant_id = :tenant AND service = :service
            """)
        .param("tenant", tenantId).param("service", service.name())
        .query((rs, n) -> {
          int limit = rs.getInt("quota_limit");
          Integer quota = rs.wasNull() ? null : limit;
          return new AiServiceConfig(tenantId, service, rs.getBoolean("enabled"), chain(rs.getString("providers")),
              rs.getBoolean("redaction"), quota, QuotaPeriod.valueOf(rs.getString("quota_period")),
              rs.getInt("version"), true);
        })
        .optional();
  }

  /**
   * Stores the configuration: inserts when nothing was stored yet (version 0), else updates only if the row still
   * has the version the caller read. Returns false when another writer came first.
   */
  public boolean save(AiServiceConfig config, Instant at, String by) {
    if (config.version() == 0) {
      try {
        jdbc.sql("""
                INSERT INTO ai_service_config (tenant_id, service, enabled, providers, redaction, quota_limit,
                    quota_period, version, updated_at, updated_by)
                VALUES (:tenant, :service, :enabled, :providers, :redaction, :limit, :period, 1, :at, :by)
                """)
            .params(params(config, at, by)).update();
        return true;
      } catch (org.springframework.dao.DuplicateKeyException concurrentFirstSave) {
        return false;
      }
    }
    return jdbc.sql("""
            UPDATE ai_service_config SET enabled = :enabled, providers = :providers, redaction = :redaction,
                quota_limit = :limit, quota_period = :period, version = version + 1, updated_at = :at, updated_by = :by
            WHERE tenant_id = :tenant AND service = :service AND version = :version
            """)
        .params(params(config, at, by)).param("version", config.version()).update() == 1;
  }

  private java.util.Map<String, Object> params(AiServiceConfig config, Instant at, String by) {
    java.util.Map<String, Object> p = new java.util.HashMap<>();
    p.put("tenant", config.tenantId());
    p.put("service", config.service().name());
    p.put("enabled", config.enabled());
    p.put("providers", json(config.providers()));
    p.put("redaction", config.redaction());
    p.put("limit", config.quotaLimit());
    p.put("period", config.quotaPeriod().name());
    p.put("at", ts(at));
    p.put("by", by);
    return p;
  }

  private List<ProviderChoice> chain(String json) {
    try {
      return mapper.readValue(json, CHAIN);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ai_service_config.providers is not a provider chain", e);
    }
  }

  private String json(List<ProviderChoice> chain) {
    try {
      return mapper.writeValueAsString(chain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
