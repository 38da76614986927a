package org.switchboard.caseapi.cases.engine;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseTasks;
import org.switchboard.process.caselifecycle.CaseLifecycle;

/** Camunda adapter of {@link CaseTasks}. */
@Component
public class CamundaCaseTasks implements CaseTasks {

  private final TaskService taskService;

  public CamundaCaseTasks(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void reassignOpenTasks(String processInstanceId, String team, String assignee) {
    if (processInstanceId == null) {
      return;
    }
    for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).active().list()) {
      List<IdentityLink> links = taskService.getIdentityLinksForTask(task.getId());
      if (isSupervisorReview(task, links)) {
        continue;
      }
      if (team != null) {
        for (IdentityLink link : links) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
              && !link.getGroupId().equals(team)) {
            taskService.deleteCandidateGroup(task.getId(), link.getGroupId());
          }
        }
        taskService.addCandidateGroup(task.getId(), team);
      }
      if (assignee != null) {
        taskService.setAssignee(task.getId(), assignee);
      }
    }
  }

  /** Reviews of escalations and SLA breaches are the supervisors' check on the team: a reassignment must not move them. */
  private static boolean isSupervisorReview(Task task, List<IdentityLink> links) {
    if (CaseLifecycle.Elements.TASK_REVIEW_ESCALATION.equals(task.getTaskDefinitionKey())) {
      return true;
    }
    return links.stream().anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType())
        && CaseLifecycle.Groups.SUPERVISORS.equals(l.getGroupId()));
  }
}
