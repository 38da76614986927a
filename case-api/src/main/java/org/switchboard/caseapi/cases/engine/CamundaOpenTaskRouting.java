package org.switchboard.caseapi.cases.engine;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.OpenTaskRouting;
import org.switchboard.process.caselifecycle.CaseLifecycle;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;

/** Camunda adapter of {@link OpenTaskRouting}. */
@Component
public class CamundaOpenTaskRouting implements OpenTaskRouting {

  private static final Set<String> SUPERVISOR_REVIEWS = Set.of(
      Elements.TASK_REVIEW_ESCALATION, Elements.TASK_REVIEW_FIRST_RESPONSE_BREACH,
      Elements.TASK_REVIEW_RESOLUTION_BREACH);

  private final TaskService taskService;

  public CamundaOpenTaskRouting(TaskService taskService) {
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

  /**
   * Reviews of escalations and SLA breaches are the supervisors' check on the team: a reassignment
   * must not move them. Recognised by element id, and by candidate group for models that add reviews.
   */
  private static boolean isSupervisorReview(Task task, List<IdentityLink> links) {
    if (SUPERVISOR_REVIEWS.contains(task.getTaskDefinitionKey())) {
      return true;
    }
    return links.stream().anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType())
        && CaseLifecycle.Groups.SUPERVISORS.equals(l.getGroupId()));
  }
}
