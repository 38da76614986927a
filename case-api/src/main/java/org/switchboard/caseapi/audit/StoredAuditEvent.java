package org.switchboard.caseapi.audit;

import java.time.Instant;
import java.util.Map;

/** An audit event as stored, with its place in the chain, for auditors' views and exports. */
public record StoredAuditEvent(
    long seq,
    String action,
    String actor,
    Instant at,
    String tenantId,
    String objectType,
    String objectId,
    String source,
    String client,
    String outcome,
    Map<String, Object> details,
    String prevHash,
    String hash) {
}
