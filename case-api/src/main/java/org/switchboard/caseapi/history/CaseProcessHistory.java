package org.switchboard.caseapi.history;

import java.util.List;

/**
 * The process half of a case's history (outbound port); {@code history.engine.CamundaCaseProcessHistory}
 * is the adapter.
 */
public interface CaseProcessHistory {

  /**
   * What the engine recorded for the process instances of the case (business key = case id): process
   * start and end, user tasks, other activities and events, decisions evaluated and incidents. Sorted by
   * time, ties in the order the engine executed them.
   */
  List<HistoryEntry> entries(String caseId);
}
