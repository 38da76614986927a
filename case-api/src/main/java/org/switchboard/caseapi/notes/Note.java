package org.switchboard.caseapi.notes;

import java.time.Instant;

/**
 * A free-text note on a case. Case content only: it never becomes a process variable, so it stays out
 * of Camunda's history and within reach of erasure.
 */
public record Note(
    String id,
    String caseId,
    String tenantId,
    String body,
    String author,
    Instant createdAt,
    String movedFromCaseId) {
}
