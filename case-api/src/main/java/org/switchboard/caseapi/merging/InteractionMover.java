package org.switchboard.caseapi.merging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Re-homes a case's interactions; the conversation content tables hang off the interaction id and follow. */
@Repository
public class InteractionMover {

  private final JdbcClient jdbc;

  public InteractionMover(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public int moveAll(String fromCaseId, String toCaseId) {
    return jdbc.sql("UPDATE interaction SET case_id = :to, moved_from_case_id = :from WHERE case_id = :from")
        .param("from", fromCaseId).param("to", toCaseId)
        .update();
  }
}
