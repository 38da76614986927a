package org.switchboard.caseapi.history;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.history.HistoryEntry.Source;

/** A case's history: its change log and its process history merged into one timeline. */
@Component
public class CaseHistoryQuery {

  private final CaseAccess caseAccess;
  private final CaseChangeLog changeLog;
  private final CaseProcessHistory processHistory;
  private final AuditRecorder audit;

  public CaseHistoryQuery(CaseAccess caseAccess, CaseChangeLog changeLog, CaseProcessHistory processHistory,
      AuditRecorder audit) {
    this.audit = audit;
    this.caseAccess = caseAccess;
    this.changeLog = changeLog;
    this.processHistory = processHistory;
  }

  public List<HistoryEntry> history(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "history");
    List<HistoryEntry> caseEntries = changeLog.list(c.id()).stream().map(CaseHistoryQuery::fromChange).toList();
    return merge(caseEntries, processHistory.entries(c.id()));
  }

  /**
   * Sorted by time, then case before process, then each source's own order. The engine stamps history in
   * milliseconds, so case entries are compared (and shown) at that resolution too: otherwise a case change
   * made just before the engine step it caused (created → process started) would sort after it.
   */
  static List<HistoryEntry> merge(List<HistoryEntry> caseEntries, List<HistoryEntry> processEntries) {
    record Keyed(HistoryEntry entry, long millis, int source, int seq) {
    }
    List<Keyed> all = new ArrayList<>(caseEntries.size() + processEntries.size());
    for (int i = 0; i < caseEntries.size(); i++) {
      all.add(new Keyed(caseEntries.get(i), caseEntries.get(i).at().toEpochMilli(), 0, i));
    }
    for (int i = 0; i < processEntries.size(); i++) {
      all.add(new Keyed(processEntries.get(i), processEntries.get(i).at().toEpochMilli(), 1, i));
    }
    all.sort(Comparator.comparingLong(Keyed::millis).thenComparingInt(Keyed::source).thenComparingInt(Keyed::seq));
    return all.stream().map(Keyed::entry).toList();
  }

  private static HistoryEntry fromChange(CaseChangeLog.Entry e) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (!e.fields().isEmpty()) {
      details.put("fields", e.fields());
    }
    if (e.detail() != null) {
      details.put("detail", e.detail());
    }
    return new HistoryEntry(e.at().truncatedTo(ChronoUnit.MILLIS), Source.CASE, e.changeType(), e.user(), null,
        null, details);
  }
}
