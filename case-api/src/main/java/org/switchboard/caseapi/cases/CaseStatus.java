package org.switchboard.caseapi.cases;

/** Where a case stands. Soft deletion is separate ({@code deletedAt}), so a deleted case keeps its last status. */
public enum CaseStatus {
  /** Created, triaged, waiting for a first response. */
  OPEN,
  /** Someone is working on it. */
  IN_PROGRESS,
  /** Resolved or closed; may still be reopened within the reopen window. */
  CLOSED
}
