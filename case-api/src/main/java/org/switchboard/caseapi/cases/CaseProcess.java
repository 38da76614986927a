package org.switchboard.caseapi.cases;

import java.util.Map;

/**
 * The engine as the case domain sees it (outbound port). Domain and API code never touch Camunda's
 * services directly; {@code cases.engine.CamundaCaseProcess} is the adapter.
 */
public interface CaseProcess {

  /**
   * Starts the case's process (business key = case id) in the case's tenant.
   *
   * @param processKey key of the case type's process
   * @param facts routing facts only (see {@code CaseLifecycle.Variables}); never personal data
   * @return the process instance id
   */
  String start(CaseRecord c, String processKey, Map<String, Object> facts);

  /**
   * Delivers a modeled event to the case's running instance.
   *
   * @return false when the instance is not waiting for this event (e.g. closing a case already closed)
   */
  boolean signal(CaseRecord c, CaseEvent event, Map<String, Object> facts);

  /**
   * Ends the case's running instance without running its listeners (e.g. the case was deleted);
   * does nothing when the instance has already ended.
   *
   * @param reason stored as the instance's delete reason; a code or short fact, never personal data
   */
  void cancel(CaseRecord c, String reason);

  /** Events the case process models on a running instance. */
  enum CaseEvent {
    INTERACTION_RECEIVED,
    REASSIGNMENT_REQUESTED,
    ESCALATION_REQUESTED,
    CLOSE_REQUESTED,
    REOPEN_REQUESTED,
    FEEDBACK_RECEIVED
  }
}
