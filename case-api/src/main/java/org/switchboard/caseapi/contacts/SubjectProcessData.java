package org.switchboard.caseapi.contacts;

import java.time.Instant;
import java.util.List;

/**
 * What the engine holds about a case's processes, for exports and erasure (outbound port);
 * {@code contacts.engine.CamundaSubjectProcessData} is the adapter. Process variables hold ids and routing
 * facts only, so references (instance ids, definition keys, task names) are all an export needs.
 */
public interface SubjectProcessData {

  /** The process instances of the case (business key = case id), running or finished, with their user tasks. */
  List<ProcessReference> references(String caseId);

  /**
   * Ends the case's running instances without running their listeners and deletes the engine's history of
   * all of them (activities, tasks, variables, decisions, incidents).
   *
   * @return how many process instances were purged
   */
  int purge(String caseId);

  record ProcessReference(String processInstanceId, String processDefinitionKey, String state, Instant startedAt,
      Instant endedAt, List<TaskReference> tasks) {
  }

  record TaskReference(String taskId, String taskDefinitionKey, String name, Instant createdAt, Instant endedAt) {
  }
}
