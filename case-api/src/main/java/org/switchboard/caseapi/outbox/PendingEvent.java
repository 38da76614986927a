package org.switchboard.caseapi.outbox;

import java.time.Instant;

/**
 * An outbox row the relay has claimed and not yet delivered. {@code payload} is the JSON text as it was
 * written, so the relay forwards exactly what the transaction stored. {@code seq} is the write order.
 */
public record PendingEvent(
    String id,
    String type,
    String tenantId,
    String aggregateType,
    String aggregateId,
    Instant occurredAt,
    String payload,
    long seq) {
}
