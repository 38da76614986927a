package org.switchboard.caseapi.cases;

import java.util.Set;

/** Filters, paging and sorting for the case list; {@code tenantIds} null means every tenant (admins). */
public record CaseQuery(
    Set<String> tenantIds,
    CaseStatus status,
    Priority priority,
    RiskLevel riskLevel,
    String team,
    String assignee,
    String caseType,
    String text,
    boolean includeDeleted,
    int page,
    int size,
    SortField sort,
    boolean ascending) {

  /** Sortable columns; the enum keeps user input out of SQL. */
  public enum SortField {
    createdAt("created_at"), updatedAt("updated_at"),
    // Ranked, not alphabetical: HIGH must not sort before LOW and NORMAL. Untriaged cases (no risk
    // level yet) rank lowest, the same on PostgreSQL and H2, which place NULLs differently.
    priority("CASE priority WHEN 'LOW' THEN 0 WHEN 'NORMAL' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END"),
    riskLevel("CASE risk_level WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 WHEN 'CRITICAL' THEN 3"
        + " ELSE -1 END"),
    status("status"), resolutionDueAt("resolution_due_at"), title("title");

    private final String column;

    SortField(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }
  }
}
