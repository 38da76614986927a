package org.switchboard.caseapi.tasks;

import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.web.ApiException;

/**
 * Who may see and work on an open task. A task of another tenant answers like a missing one (404); within
 * the tenant, working on it takes being its assignee, one of its candidates (directly or through a group),
 * a supervisor of the tenant or an administrator (403 otherwise).
 */
@Component
public class TaskAccess {

  private final CaseTasks tasks;
  private final TaskLinkRepository links;
  private final CaseAccess caseAccess;

  public TaskAccess(CaseTasks tasks, TaskLinkRepository links, CaseAccess caseAccess) {
    this.tasks = tasks;
    this.links = links;
    this.caseAccess = caseAccess;
  }

  /** The open task if the caller's tenants include it and they may see its case, or 404. */
  public WorkItem require(CurrentUser user, String taskId) {
    return tasks.find(taskId)
        .filter(task -> visible(user, task))
        .filter(task -> links.find(task.id())
            .map(link -> !caseAccess.visibleAmong(user, List.of(link.caseId())).isEmpty())
            .orElse(true))
        .orElseThrow(() -> ApiException.notFound("Task", taskId));
  }

  public static boolean visible(CurrentUser user, WorkItem task) {
    return user.isAdmin() || (task.tenantId() != null && user.tenantIds().contains(task.tenantId()));
  }

  /** Regardless of the current assignee: may the caller take part in this task at all? */
  public static boolean mayWork(CurrentUser user, WorkItem task) {
    return user.isAdmin() || supervises(user, task) || user.userId().equals(task.assignee()) || candidate(user, task);
  }

  /** Supervisors manage the work of their tenant: they may release tasks someone else claimed. */
  public static boolean supervises(CurrentUser user, WorkItem task) {
    return user.isAdmin() || (user.inGroup(Roles.SUPERVISORS) && visible(user, task));
  }

  public static boolean candidate(CurrentUser user, WorkItem task) {
    return task.candidateUsers().contains(user.userId())
        || !Collections.disjoint(task.candidateGroups(), user.groups());
  }

  public static void requireMayWork(CurrentUser user, WorkItem task) {
    if (!mayWork(user, task)) {
      throw ApiException.forbidden("You are neither assignee nor candidate of task " + task.id());
    }
  }
}
