package org.switchboard.caseapi.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The JSON value of every Kafka record (docs/events.md). {@code aggregateId} is the case id for
 * {@code aggregateType} "Case" and is also the record key; consumers dedupe on {@code eventId}.
 */
public record EventEnvelope(
    String eventId,
    String type,
    String tenantId,
    String aggregateType,
    String aggregateId,
    Instant occurredAt,
    JsonNode payload) {
}
