package org.switchboard.caseapi.ai.results;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.ai.AiGatewayProperties;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.workers.ai.AiService;

/**
 * Results by cache key (service, provider, provider version, settings, redaction, input hash), per tenant, for
 * {@code switchboard.ai.cache-ttl}. Values are JSON encrypted under the tenant's AI key; a tenant never reads
 * another tenant's entries.
 */
@Component
public class ResultCache {

  static final String TABLE = "ai_cache";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final Clock clock;
  private final Duration ttl;

  public ResultCache(JdbcClient jdbc, FieldCipher cipher, Clock clock, AiGatewayProperties properties) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
    this.ttl = properties.cacheTtl();
  }

  public Optional<String> get(String tenantId, String key) {
    return jdbc.sql("SELECT cached_value FROM ai_cache WHERE tenant_id = :t AND cache_key = :k AND expires_at > :now")
        .param("t", tenantId).param("k", key).param("now", ts(clock.instant()))
        .query(String.class).optional()
        .map(stored -> cipher.decrypt(ref(tenantId, key), stored));
  }

  public void put(String tenantId, String key, AiService service, String providerId, String providerVersion,
      String json) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    Instant now = clock.instant();
    String sealed = cipher.encrypt(ref(tenantId, key), new Subject(AiResults.SUBJECT_TYPE, tenantId), json);
    int updated = jdbc.sql("""
            UPDATE ai_cache SET cached_value = :v, created_at = :now, expires_at = :exp WHERE tenant_id = :t AND cache_key = :k
            """)
        .param("v", sealed).param("now", ts(now)).param("exp", ts(now.plus(ttl))).param("t", tenantId)
        .param("k", key).update();
    if (updated == 0) {
      try {
        jdbc.sql("""
                INSERT INTO ai_cache (tenant_id, cache_key, service, provider_id, provider_version, cached_value, created_at,
                    expires_at)
                VALUES (:t, :k, :s, :p, :pv, :v, :now, :exp)
                """)
            .param("t", tenantId).param("k", key).param("s", service.name()).param("p", providerId)
            .param("pv", providerVersion).param("v", sealed).param("now", ts(now)).param("exp", ts(now.plus(ttl)))
            .update();
      } catch (DuplicateKeyException sameResultStoredConcurrently) {
        // Same key means same input and provider version: the other writer's value is as good.
      }
    }
  }

  /** Expired entries hold personal data nobody can read through the cache any more: delete them. */
  @Scheduled(fixedDelayString = "${switchboard.ai.cache-purge-interval:PT1H}", initialDelayString = "PT5M")
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM ai_cache WHERE expires_at <= :now").param("now", ts(clock.instant())).update();
  }

  private static FieldRef ref(String tenantId, String key) {
    return new FieldRef(TABLE, key, "value", tenantId);
  }
}
