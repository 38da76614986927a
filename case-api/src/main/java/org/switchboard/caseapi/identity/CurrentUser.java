package org.switchboard.caseapi.identity;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated caller as Camunda's identity service knows them: user id, groups (roles and
 * teams) and the tenants (organisations) whose data they may touch.
 */
public record CurrentUser(String userId, Set<String> groups, Set<String> tenantIds) {

  public static final String SYSTEM_USER = "system";

  public CurrentUser {
    groups = Set.copyOf(groups);
    tenantIds = Set.copyOf(tenantIds);
  }

  /** The caller of this request, or the system when no one is authenticated (engine jobs, start-up). */
  public static CurrentUser get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
      return user;
    }
    return system();
  }

  public static CurrentUser system() {
    return new CurrentUser(SYSTEM_USER, Set.of(Roles.ADMINS), Set.of());
  }

  public boolean isAdmin() {
    return groups.contains(Roles.ADMINS) || groups.contains(Roles.CAMUNDA_ADMIN);
  }

  public boolean isSystem() {
    return SYSTEM_USER.equals(userId);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** Admins and the system see every tenant; everybody else only their own. */
  public boolean canAccessTenant(String tenantId) {
    return isAdmin() || tenantIds.contains(tenantId);
  }

  public List<String> groupList() {
    return List.copyOf(groups);
  }

  public List<String> tenantList() {
    return List.copyOf(tenantIds);
  }
}
