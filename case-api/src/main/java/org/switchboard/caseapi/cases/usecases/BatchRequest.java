package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.switchboard.caseapi.cases.Priority;

/**
 * One action on many cases.
 *
 * @param team, assignee for ASSIGN (at least one)
 * @param priority for CHANGE_PRIORITY
 * @param reason, outcome for CLOSE
 */
public record BatchRequest(
    @NotNull Action action,
    @NotNull @Size(min = 1, max = 100) List<@NotBlank String> caseIds,
    @Size(max = 64) String team,
    @Size(max = 64) String assignee,
    Priority priority,
    CloseCaseRequest.Reason reason,
    CloseCaseRequest.Outcome outcome) {

  public enum Action {
    ASSIGN, CHANGE_PRIORITY, CLOSE
  }
}
