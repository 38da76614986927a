package org.switchboard.caseapi.ai.results;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.ai.AiContext;
import org.switchboard.caseapi.ai.AiOutcome;
import org.switchboard.caseapi.ai.config.AiServiceIds;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.workers.ai.AiService;

/**
 * The audit record of every AI call: a row of {@code ai_result} (output encrypted) and an {@code AI_RESULT}
 * event in the audit trail, written together.
 */
@Component
public class AiResults {

  public static final String TABLE = "ai_result";
  /** Key owner of AI data not about a case (per tenant). */
  public static final String SUBJECT_TYPE = "AI";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final AuditRecorder audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  public AiResults(JdbcClient jdbc, FieldCipher cipher, AuditRecorder audit, Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /** What one call produced; {@code outputJson} is null for refusals. */
  public record Entry(String tenantId, AiService service, AiOutcome.Status status, String providerId,
      String providerVersion, String inputHash, String outputJson, long latencyMs, boolean cacheHit,
      boolean fallbackUsed, boolean redacted, AiContext context) {
  }

  /** A stored record, output decrypted. */
  public record Stored(String id, String tenantId, AiService service, String outcome, String providerId,
      String providerVersion, String inputHash, String outputJson, long latencyMs, boolean cacheHit,
      boolean fallbackUsed, boolean redacted, String requestedBy, String objectType, String objectId,
      Instant createdAt) {
  }

  public String record(Entry e) {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    String output = e.outputJson() == null ? null
        : cipher.encrypt(new FieldRef(TABLE, id, "output", e.tenantId()), subject(e.tenantId(), e.context()),
            e.outputJson());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("service", AiServiceIds.idOf(e.service()));
    details.put("outcome", e.status().name());
    if (e.providerId() != null) {
      details.put("provider", e.providerId());
      details.put("providerVersion", e.providerVersion());
    }
    details.put("inputHash", e.inputHash());
    details.put("latencyMs", e.latencyMs());
    details.put("cacheHit", e.cacheHit());
    details.put("fallbackUsed", e.fallbackUsed());
    details.put("redacted", e.redacted());
    if (e.context().objectType() != null) {
      details.put("aboutType", e.context().objectType());
      details.put("aboutId", e.context().objectId());
    }
    Outcome outcome = switch (e.status()) {
      case OK -> Outcome.SUCCESS;
      case DISABLED, QUOTA_EXCEEDED -> Outcome.DENIED;
      case UNAVAILABLE -> Outcome.FAILURE;
    };
    tx.executeWithoutResult(s -> {
      jdbc.sql("""
              INSERT INTO ai_result (id, tenant_id, service, outcome, provider_id, provider_version, input_hash, output,
                  latency_ms, cache_hit, fallback_used, redacted, requested_by, object_type, object_id, created_at)
              VALUES (:id, :tenant, :service, :outcome, :provider, :version, :hash, :output, :latency, :hit,
                  :fallback, :redacted, :by, :objectType, :objectId, :at)
              """)
          .param("id", id).param("tenant", e.tenantId()).param("service", e.service().name())
          .param("outcome", e.status().name()).param("provider", e.providerId())
          .param("version", e.providerVersion()).param("hash", e.inputHash()).param("output", output)
          .param("latency", e.latencyMs()).param("hit", e.cacheHit()).param("fallback", e.fallbackUsed())
          .param("redacted", e.redacted()).param("by", e.context().requestedBy())
          .param("objectType", e.context().objectType()).param("objectId", e.context().objectId())
          .param("at", ts(now))
          .update();
      audit.record(AuditActions.AI_RESULT, e.context().requestedBy(), e.tenantId(), TABLE, id, outcome, details);
    });
    return id;
  }

  public Optional<Stored> find(String tenantId, String id) {
    return jdbc.sql("SELECT * FROM ai_result WHERE tenant_id = :tenant AND id = :id")
        .param("tenant", tenantId).param("id", id)
        .query((rs, n) -> new Stored(rs.getString("id"), rs.getString("tenant_id"),
            AiService.valueOf(rs.getString("service")), rs.getString("outcome"), rs.getString("provider_id"),
            rs.getString("provider_version"), rs.getString("input_hash"),
            cipher.decrypt(new FieldRef(TABLE, rs.getString("id"), "output", tenantId), rs.getString("output")),
            rs.getLong("latency_ms"), rs.getBoolean("cache_hit"), rs.getBoolean("fallback_used"),
            rs.getBoolean("redacted"), rs.getString("requested_by"), rs.getString("object_type"),
            rs.getString("object_id"), org.switchboard.caseapi.shared.Jdbc.instant(rs, "created_at")))
        .optional();
  }

  /** Output about a case is sealed with the case's key, so erasing the case (crypto-shredding) covers it. */
  private static Subject subject(String tenantId, AiContext context) {
    return context.aboutCase() ? Subject.ofCase(context.objectId()) : new Subject(SUBJECT_TYPE, tenantId);
  }
}
