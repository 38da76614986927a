package org.switchboard.caseapi.tasks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.caseapi.cases.CaseRepository.Page;

/**
 * The engine's user tasks as the task feature sees them (outbound port); {@code tasks.engine.CamundaCaseTasks}
 * is the adapter. Calls are made on behalf of the system: who may do what is decided before, by the caller.
 */
public interface CaseTasks {

  Optional<WorkItem> find(String taskId);

  List<WorkItem> findAll(Collection<String> taskIds);

  Page<WorkItem> search(TaskSearch search);

  /** Every task the search matches, in the order {@link #search} pages them; its paging is ignored. */
  List<WorkItem> searchAll(TaskSearch search);

  /** The task's Camunda Form (form-js JSON) from its deployment; empty when it has none. */
  Optional<String> form(WorkItem task);

  /** Current values of the named variables as the task sees them; absent variables are left out. */
  Map<String, Object> values(String taskId, Collection<String> names);

  /** @throws org.switchboard.caseapi.web.ApiException 409 when someone else claimed it meanwhile */
  void claim(String taskId, String userId);

  void unclaim(String taskId);

  /**
   * Claims the task for the user when it is unassigned, then completes it with the variables, in one
   * transaction.
   *
   * @throws org.switchboard.caseapi.web.ApiException 409 when someone else claimed it meanwhile
   */
  void complete(String taskId, String userId, Map<String, Object> variables);
}
