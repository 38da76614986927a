package org.switchboard.caseapi.identity;

import jakarta.servlet.http.HttpServletRequest;
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
import org.switchboard.caseapi.security.LoginGuard;

/**
 * HTTP basic for {@code /api/v1}, checked against Camunda's identity service so one set of users,
 * groups and tenants serves the API, Tasklist, Cockpit and Camunda Modeler.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String BASIC = "basic";

  private final IdentityService identityService;
  private final LoginGuard guard;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginGuard guard) {
    this.identityService = identityService;
    this.guard = guard;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    HttpServletRequest request = authentication.getDetails() instanceof HttpServletRequest r ? r : null;
    if (request != null) {
      guard.beforeCheck(userId, request, BASIC);
    }
    if (userId == null || credentials == null || !identityService.checkPassword(userId, credentials.toString())) {
      if (request != null) {
        guard.failed(userId, request, BASIC, "bad credentials");
      }
      throw new BadCredentialsException("Bad credentials");
    }
    if (request != null) {
      guard.succeeded(userId, request, BASIC);
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
