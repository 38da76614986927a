package org.switchboard.caseapi.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a case, as integrators see it. The payload holds ids and facts only
 * (status, priority, team...), never names, contact details or free text: events leave the database.
 */
public record DomainEvent(
    String id,
    String type,
    String tenantId,
    String aggregateType,
    String aggregateId,
    Instant occurredAt,
    Map<String, Object> payload) {

  public static DomainEvent ofCase(String type, String tenantId, String caseId, Instant at, Map<String, Object> payload) {
    return new DomainEvent(UUID.randomUUID().toString(), type, tenantId, "Case", caseId, at, Map.copyOf(payload));
  }
}
