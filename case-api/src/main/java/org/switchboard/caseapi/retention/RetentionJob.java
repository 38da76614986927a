package org.switchboard.caseapi.retention;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.contacts.CaseDataEraser;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.tenants.TenantDirectory.TenantConfig;

/**
 * Erases closed cases whose retention period has ended (see {@link RetentionPolicy}), skipping those under
 * a legal hold (of the case or of its contact), in batches of one transaction each. Every tenant run that
 * found something leaves one audit event (actor {@value #ACTOR}) with counts.
 */
@Component
public class RetentionJob {

  public static final String ACTOR = "system:retention";
  public static final String REASON = "RETENTION_EXPIRED";

  private static final String EXPIRED = """
      FROM case_record c WHERE c.tenant_id = :t AND c.status = 'CLOSED' AND c.closed_at < :cutoff
        AND c.erased_at IS NULL
      """;
  private static final String HELD = """
      EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
        AND ((h.subject_type = 'CONTACT' AND h.subject_id = c.contact_id)
          OR (h.subject_type = 'CASE' AND h.subject_id = c.id)))
      """;

  private final TenantDirectory tenants;
  private final RetentionPolicy policy;
  private final RetentionProperties properties;
  private final CaseRepository cases;
  private final CaseDataEraser eraser;
  private final AuditRecorder audit;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public RetentionJob(TenantDirectory tenants, RetentionPolicy policy, RetentionProperties properties,
      CaseRepository cases, CaseDataEraser eraser, AuditRecorder audit, JdbcClient jdbc,
      PlatformTransactionManager txm, Clock clock) {
    this.tenants = tenants;
    this.policy = policy;
    this.properties = properties;
    this.cases = cases;
    this.eraser = eraser;
    this.audit = audit;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(txm);
    this.clock = clock;
  }

  /** What one run did for one tenant. */
  public record Result(String tenantId, Instant cutoff, int casesErased, long casesHeld) {
  }

  /** The scheduled entry point. */
  public List<Result> run() {
    return run(clock.instant());
  }

  /** {@code now} is a parameter so tests can step time without a mutable clock. */
  public List<Result> run(Instant now) {
    return tenants.all().stream().map(t -> run(t, now)).toList();
  }

  public Result runFor(String tenantId, Instant now) {
    return run(tenants.find(tenantId).orElseThrow(), now);
  }

  private Result run(TenantConfig tenant, Instant now) {
    Instant cutoff = policy.closedCasesCutoff(tenant, now);
    int erased = 0;
    while (true) {
      Integer batch = transaction.execute(status -> {
        List<String> ids = jdbc.sql("SELECT c.id " + EXPIRED + " AND NOT " + HELD
                + " ORDER BY c.closed_at, c.id LIMIT :n FOR UPDATE SKIP LOCKED")
            .param("t", tenant.id()).param("cutoff", ts(cutoff)).param("n", properties.batchSize())
            .query(String.class).list();
        ids.forEach(id -> eraser.erase(cases.findById(id).orElseThrow(), ACTOR, now, REASON));
        return ids.size();
      });
      erased += batch;
      if (batch < properties.batchSize()) {
        break;
      }
    }
    long held = jdbc.sql("SELECT COUNT(*) " + EXPIRED + " AND " + HELD)
        .param("t", tenant.id()).param("cutoff", ts(cutoff)).query(Long.class).single();
    if (erased > 0 || held > 0) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("casesErased", erased);
      details.put("casesHeld", held);
      details.put("closedBefore", cutoff.toString());
      details.put("closedCases", policy.closedCases(tenant).toString());
      audit.record(AuditActions.RETENTION_PURGED, ACTOR, tenant.id(), "tenant", tenant.id(), Outcome.SUCCESS,
          details);
    }
    return new Result(tenant.id(), cutoff, erased, held);
  }
}
