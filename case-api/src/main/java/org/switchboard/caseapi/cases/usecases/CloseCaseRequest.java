package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.NotNull;

/** @param outcome optional result of the work, as the resolution form records it */
public record CloseCaseRequest(@NotNull Reason reason, Outcome outcome) {

  /** Why an agent closes a case; resolution through the process sets {@code RESOLVED} itself. */
  public enum Reason {
    RESOLVED, CLOSED_BY_AGENT, DUPLICATE
  }

  public enum Outcome {
    RESOLVED, REFERRED, NO_FURTHER_ACTION, UNREACHABLE
  }
}
