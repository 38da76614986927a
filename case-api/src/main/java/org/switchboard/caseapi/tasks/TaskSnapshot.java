package org.switchboard.caseapi.tasks;

import java.time.Instant;
import java.util.List;

/**
 * What the engine tells about a user task when something happens to it, free of engine types.
 *
 * @param businessKey business key of the task's (root) process instance; a case id when the task belongs to a case
 * @param actor user who caused the event, or {@code system} for jobs and process-driven changes
 */
public record TaskSnapshot(
    String taskId,
    String businessKey,
    String processInstanceId,
    String taskDefinitionKey,
    String name,
    String assignee,
    List<String> candidateGroups,
    Instant due,
    Instant followUp,
    String formKey,
    FormRef formRef,
    String actor) {

  public TaskSnapshot {
    candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
  }
}
