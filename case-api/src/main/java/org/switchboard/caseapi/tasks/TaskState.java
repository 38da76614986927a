package org.switchboard.caseapi.tasks;

/** Where a user task stands. A cancelled task was removed by the process (or an operator), not worked on. */
public enum TaskState {
  OPEN, COMPLETED, CANCELLED
}
