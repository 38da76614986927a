package org.switchboard.caseapi.cases;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;

/**
 * Which cases of their tenants a caller may see (docs/security.md, "Object-level visibility"). One SQL
 * predicate serves both the case list and the single-case check, so the two can never disagree.
 *
 * <ul>
 *   <li>Everybody sees the cases of their teams (a case's team is one of their groups), cases assigned to
 *       them, cases they created and cases they were granted access to ({@code case_access}).</li>
 *   <li>Administrators, tenant administrators, auditors and service accounts see every case of their
 *       tenants, except restricted ones.</li>
 *   <li>A restricted case (its case type has {@code restricted = true}) is seen only through the first rule:
 *       no role sees it by rank alone, administrators and auditors included.</li>
 *   <li>A case not routed yet (no team: a message opened it and nobody has done its intake) is seen by the
 *       tenant's agents and supervisors, restricted or not: they are the intake queue, and Tasklist already
 *       offers them its intake task. Routing then narrows it to the team.</li>
 * </ul>
 */
public final class CaseVisibility {

  /**
   * True when the case's type is restricted. A tenant's own type replaces the shared type of the same key
   * (as in {@code CaseTypeCatalog.resolve}); inactive types still count, so retiring a type opens nothing.
   */
  static final String RESTRICTED = "COALESCE("
      + "(SELECT ct.restricted FROM case_type ct WHERE ct.tenant_id = case_record.tenant_id"
      + " AND ct.type_key = case_record.case_type), "
      + "(SELECT ct.restricted FROM case_type ct WHERE ct.tenant_id IS NULL"
      + " AND ct.type_key = case_record.case_type), FALSE)";

  private CaseVisibility() {
  }

  /**
   * What visibility depends on.
   *
   * @param tenantWide sees the unrestricted cases of their tenants beyond their own
   */
  public record Viewer(String userId, Set<String> groups, boolean tenantWide) {

    public Viewer {
      groups = Set.copyOf(groups);
    }
  }

  /** The caller as a viewer; null for the system (engine jobs, start-up), which sees every case. */
  public static Viewer viewerOf(CurrentUser user) {
    if (user.isSystem()) {
      return null;
    }
    boolean tenantWide = user.isAdmin() || user.inGroup(Roles.TENANT_ADMINS) || user.inGroup(Roles.AUDITORS)
        || user.inGroup(Roles.SERVICE_ACCOUNTS);
    return new Viewer(user.userId(), user.groups(), tenantWide);
  }

  /** A condition on table {@code case_record} (unaliased); adds its parameters, prefixed {@code vis}. */
  public static String predicate(Viewer viewer, Map<String, Object> params) {
    StringBuilder sql = new StringBuilder("(");
    if (viewer.tenantWide()) {
      sql.append(RESTRICTED).append(" = FALSE OR ");
    }
    if (viewer.groups().contains(Roles.AGENTS) || viewer.groups().contains(Roles.SUPERVISORS)) {
      sql.append("case_record.team IS NULL OR ");
    }
    if (!viewer.groups().isEmpty()) {
      sql.append("case_record.team IN (:visGroups) OR ");
      params.put("visGroups", new ArrayList<>(viewer.groups()));
    }
    sql.append("case_record.assignee = :visUser OR case_record.created_by = :visUser"
        + " OR EXISTS (SELECT 1 FROM case_access ca WHERE ca.case_id = case_record.id AND ca.user_id = :visUser))");
    params.put("visUser", viewer.userId());
    return sql.toString();
  }
}
