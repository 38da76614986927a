package org.switchboard.caseapi.casetypes;

import java.time.Instant;

/**
 * A kind of case: which process runs it, which sector's rules apply and which custom fields it has.
 *
 * @param tenantId null for the platform's shared types, otherwise the organisation that owns it
 * @param formDefinition form-js schema (Camunda Forms format) of the custom fields
 * @param restricted the type holds especially sensitive data (e.g. survivor support)
 */
public record CaseType(
    String id,
    String tenantId,
    String key,
    String name,
    String sector,
    String processKey,
    String formDefinition,
    String validationRules,
    boolean restricted,
    boolean active,
    Instant createdAt) {

  public boolean shared() {
    return tenantId == null;
  }
}
