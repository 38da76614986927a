package org.switchboard.caseapi.tasks;

import java.time.Instant;
import java.util.List;

/** A user task as the API shows it: live data while open, the last snapshot once it ended. */
public record TaskView(
    String id,
    String name,
    String taskDefinitionKey,
    String caseId,
    String tenantId,
    String processInstanceId,
    String assignee,
    List<String> candidateGroups,
    Instant created,
    Instant due,
    Instant followUp,
    String formKey,
    FormRef formRef,
    TaskState state,
    Instant endedAt,
    String endedBy) {

  static TaskView open(WorkItem task, String caseId) {
    return new TaskView(task.id(), task.name(), task.taskDefinitionKey(), caseId, task.tenantId(),
        task.processInstanceId(), task.assignee(), task.candidateGroups(), task.created(), task.due(),
        task.followUp(), task.formKey(), task.formRef(), TaskState.OPEN, null, null);
  }

  static TaskView of(TaskLink link) {
    return new TaskView(link.taskId(), link.name(), link.taskDefinitionKey(), link.caseId(), link.tenantId(),
        link.processInstanceId(), link.assignee(), link.candidateGroups(), link.createdAt(), link.due(),
        link.followUp(), link.formKey(), link.formRef(), link.state(), link.endedAt(), link.endedBy());
  }
}
