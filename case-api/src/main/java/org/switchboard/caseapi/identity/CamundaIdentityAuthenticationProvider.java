package org.switchboard.caseapi.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP basic for {@code /api/v1}, checked against Camunda's identity service so one set of users,
 * groups and tenants serves the API, Tasklist, Cockpit and Camunda Modeler.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || credentials == null || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Bad credentials");
    }
    CurrentUser user = load(identityService, userId);
    List<GrantedAuthority> authorities = new ArrayList<>();
    user.groups().forEach(g -> authorities.add(new SimpleGrantedAuthority("GROUP_" + g)));
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }

  /** Groups and tenants of a user, tenants reached through their groups included. */
  public static CurrentUser load(IdentityService identityService, String userId) {
    Set<String> groups = new HashSet<>();
    for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
      groups.add(group.getId());
    }
    Set<String> tenants = new HashSet<>();
    for (Tenant tenant : identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()) {
      tenants.add(tenant.getId());
    }
    return new CurrentUser(userId, groups, tenants);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
