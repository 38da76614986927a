package org.switchboard.caseapi.cases.engine;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.TeamDirectory;
import org.switchboard.caseapi.identity.Roles;

/** Camunda identity adapter of {@link TeamDirectory}: the same users and groups Tasklist routes by. */
@Component
public class CamundaTeamDirectory implements TeamDirectory {

  private final IdentityService identityService;

  public CamundaTeamDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public boolean isTeam(String groupId) {
    return groupId != null
        && identityService.createGroupQuery().groupId(groupId).groupType(Roles.TEAM_GROUP_TYPE).count() > 0;
  }

  @Override
  public boolean isUserOfTenant(String userId, String tenantId) {
    return userId != null && tenantId != null
        && identityService.createUserQuery().userId(userId).count() > 0
        && identityService.createTenantQuery().tenantId(tenantId).userMember(userId).includingGroupsOfUser(true)
            .count() > 0;
  }
}
