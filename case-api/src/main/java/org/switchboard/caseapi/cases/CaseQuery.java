package org.switchboard.caseapi.cases;

import java.util.Set;

/**
 * Filters, paging and sorting for the case list; {@code tenantIds} null means every tenant (admins);
 * {@code viewer} null means no object-level filter (the system), otherwise only what the viewer may see.
 */
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
    boolean ascending,
    CaseVisibility.Viewer viewer) {

  /** A query without object-level filter: for the system, never for a person. */
  public CaseQuery(Set<String> tenantIds, CaseStatus status, Priority priority, RiskLevel riskLevel, String team,
      String assignee, String caseType, String text, boolean includeDeleted, int page, int size, SortField sort,
      boolean ascending) {
    this(tenantIds, status, priority, riskLevel, team, assignee, caseType, text, includeDeleted, page, size, sort,
        ascending, null);
  }

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
