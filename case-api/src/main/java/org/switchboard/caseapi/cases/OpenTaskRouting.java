package org.switchboard.caseapi.cases;

/**
 * The user tasks of a case's running instance as the case domain sees them (outbound port);
 * {@code cases.engine.CamundaOpenTaskRouting} is the adapter.
 */
public interface OpenTaskRouting {

  /**
   * Hands the instance's open tasks to a new team (replacing their candidate groups) and/or assignee.
   * Supervisor review tasks stay with the supervisors.
   *
   * @param team group id, or null to keep the candidate groups
   * @param assignee user id, or null to keep the assignee
   */
  void reassignOpenTasks(String processInstanceId, String team, String assignee);
}
