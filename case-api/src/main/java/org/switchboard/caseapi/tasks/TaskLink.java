package org.switchboard.caseapi.tasks;

import java.time.Instant;
import java.util.List;

/** A row of {@code task_link}: the last known state of one user task of a case. */
public record TaskLink(
    String taskId,
    String caseId,
    String tenantId,
    String processInstanceId,
    String taskDefinitionKey,
    String name,
    String assignee,
    List<String> candidateGroups,
    Instant createdAt,
    Instant due,
    Instant followUp,
    String formKey,
    FormRef formRef,
    Instant endedAt,
    TaskState state,
    String endedBy) {

  public TaskLink {
    candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
  }

  public boolean open() {
    return state == TaskState.OPEN;
  }
}
