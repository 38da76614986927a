package org.switchboard.caseapi.casetypes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A case type as the API shows it.
 *
 * @param tenantId absent for shared types
 * @param form form-js schema of the custom fields; renders with form-js and validates {@code customFields}
 */
public record CaseTypeView(
    String key,
    String name,
    String sector,
    String processKey,
    boolean restricted,
    boolean shared,
    String tenantId,
    JsonNode form) {
}
