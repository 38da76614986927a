package org.switchboard.caseapi.cases.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.cases.RiskLevel;

/**
 * A case as the API shows it. {@code version} is what a later change must name (If-Match) so that
 * it cannot overwrite someone else's change unseen. {@code masked} names the values shown as "•••"
 * (description, customFields.&lt;key&gt;); the reveal action shows them. An {@code anonymous} case never
 * has a contact.
 */
public record CaseView(
    String id,
    String tenantId,
    String caseType,
    String sector,
    String title,
    String description,
    CaseStatus status,
    Priority priority,
    RiskLevel riskLevel,
    Integer riskScore,
    String team,
    String assignee,
    String channel,
    String contactId,
    JsonNode customFields,
    String processInstanceId,
    Instant firstResponseDueAt,
    Instant resolutionDueAt,
    boolean slaBreached,
    boolean escalated,
    String closureReason,
    String outcome,
    Integer feedbackScore,
    String mergedIntoCaseId,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    Instant closedAt,
    long version,
    List<String> masked,
    boolean anonymous) {
}
