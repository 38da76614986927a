package org.switchboard.caseapi.history;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a case's history. {@code source} tells whether Switchboard's change log (CASE) or the
 * engine's history of the case's process (PROCESS) recorded it; {@code details} holds ids and facts.
 */
public record HistoryEntry(
    Instant at,
    Source source,
    String type,
    String actor,
    String activityId,
    String name,
    Map<String, Object> details) {

  public enum Source { CASE, PROCESS }
}
