package org.switchboard.caseapi.links;

import java.time.Instant;

public record CaseLink(
    String id,
    String tenantId,
    String sourceCaseId,
    String targetCaseId,
    LinkType type,
    Instant createdAt,
    String createdBy) {

  public boolean involves(String caseId) {
    return sourceCaseId.equals(caseId) || targetCaseId.equals(caseId);
  }
}
