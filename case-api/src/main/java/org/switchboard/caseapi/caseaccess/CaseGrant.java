package org.switchboard.caseapi.caseaccess;

import java.time.Instant;

/** A named person let into a case beyond its team, assignee and creator. */
public record CaseGrant(String caseId, String userId, String tenantId, Instant grantedAt, String grantedBy) {
}
