package org.switchboard.caseapi.cases;

/**
 * Who a case can be assigned to (outbound port onto the identity store that also serves Tasklist);
 * {@code cases.engine.CamundaTeamDirectory} is the adapter.
 */
public interface TeamDirectory {

  /** True when the group exists and is a team (not a role such as agents). */
  boolean isTeam(String groupId);

  /** True when the user exists and belongs to the tenant, directly or through a group. */
  boolean isUserOfTenant(String userId, String tenantId);
}
