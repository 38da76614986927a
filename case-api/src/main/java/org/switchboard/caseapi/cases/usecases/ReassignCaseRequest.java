package org.switchboard.caseapi.cases.usecases;

import jakarta.validation.constraints.Size;

/**
 * @param team a team group (type TEAM) that becomes the candidate group of the case's tasks
 * @param assignee a user of the case's organisation who gets its tasks
 */
public record ReassignCaseRequest(@Size(max = 64) String team, @Size(max = 64) String assignee) {
}
