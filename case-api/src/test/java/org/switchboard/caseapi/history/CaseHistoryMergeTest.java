package org.switchboard.caseapi.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.history.HistoryEntry.Source;

class CaseHistoryMergeTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00.000Z");

  @Test
  void ordersByMillisecondThenCaseBeforeProcessThenEachSourcesOwnOrder() {
    List<HistoryEntry> caseEntries = List.of(
        entry(Source.CASE, "CREATED", T.plusNanos(400_000)),
        entry(Source.CASE, "NOTE_ADDED", T.plusMillis(5)),
        entry(Source.CASE, "TRIAGED", T.plusMillis(5)));
    List<HistoryEntry> processEntries = List.of(
        entry(Source.PROCESS, "PROCESS_STARTED", T),
        entry(Source.PROCESS, "DECISION_EVALUATED", T.plusMillis(2)),
        entry(Source.PROCESS, "USER_TASK_STARTED", T.plusMillis(5)),
        entry(Source.PROCESS, "USER_TASK_COMPLETED", T.plusMillis(9)));

    List<String> merged = CaseHistoryQuery.merge(caseEntries, processEntries).stream().map(HistoryEntry::type).toList();

    assertThat(merged).containsExactly("CREATED", "PROCESS_STARTED", "DECISION_EVALUATED", "NOTE_ADDED", "TRIAGED",
        "USER_TASK_STARTED", "USER_TASK_COMPLETED");
  }

  private static HistoryEntry entry(Source source, String type, Instant at) {
    return new HistoryEntry(at, source, type, null, null, null, Map.of());
  }
}
