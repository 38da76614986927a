package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A new case.
 *
 * @param tenantId organisation; may be left out by callers who belong to exactly one
 * @param customFields values of the case type's custom fields, checked against its form
 * @param intake routing facts known at creation; when given, the intake task is skipped
 * @param anonymous the caller stays anonymous: the case can never be given a contact
 */
public record CreateCaseRequest(
    @Size(max = 64) String tenantId,
    @NotBlank @Size(max = 100) String caseType,
    @NotBlank @Size(max = 200) String title,
    @Size(max = 10000) String description,
    Channel channel,
    Map<String, Object> customFields,
    @Valid Intake intake,
    Boolean anonymous) {

  /** The facts of the CaseIntake form; they decide risk, team and SLA. */
  public record Intake(String category, Boolean immediateDanger, Boolean selfHarmRisk, Boolean childAtRisk) {
  }
}
