package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.switchboard.caseapi.cases.Priority;

/**
 * Changes to a case; absent (null) fields stay as they are.
 *
 * @param description an empty string removes it
 * @param customFields merged into the stored values; a key set to null is removed
 * @param priority manual override of the triaged priority
 * @param version the version the change is based on, when the client does not send If-Match
 */
public record UpdateCaseRequest(
    @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
    @Size(max = 10000) String description,
    Map<String, Object> customFields,
    Priority priority,
    Long version) {

  public static UpdateCaseRequest priorityOnly(Priority priority) {
    return new UpdateCaseRequest(null, null, null, priority, null);
  }
}
