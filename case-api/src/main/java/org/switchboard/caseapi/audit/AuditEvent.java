package org.switchboard.caseapi.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audited action: who did what, when (UTC), where (tenant, object), from where (source address,
 * client) and with which outcome. {@code details} names fields and counts, never the values of
 * personal data.
 */
public record AuditEvent(
    String action,
    String actor,
    Instant at,
    String tenantId,
    String objectType,
    String objectId,
    String source,
    String client,
    Outcome outcome,
    Map<String, Object> details) {

  public AuditEvent {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public enum Outcome {
    SUCCESS, FAILURE, DENIED
  }
}
