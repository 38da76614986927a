package org.switchboard.caseapi.contacts;

import java.time.Instant;

/** Keeps a subject's data from erasure while it is not released. */
public record LegalHold(String id, String tenantId, String subjectType, String subjectId, String reason,
    String placedBy, Instant placedAt, String releasedBy, Instant releasedAt) {

  public boolean active() {
    return releasedAt == null;
  }
}
