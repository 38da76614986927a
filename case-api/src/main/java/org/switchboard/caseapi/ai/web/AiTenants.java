package org.switchboard.caseapi.ai.web;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;

/** The organisation an AI request is for: the one named, which the caller must belong to, or the caller's only one. */
@Component
public class AiTenants {

  private final TenantDirectory tenants;

  public AiTenants(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  public String resolve(String requested) {
    CurrentUser user = CurrentUser.get();
    if (requested == null || requested.isBlank()) {
      if (user.tenantIds().size() == 1) {
        return user.tenantIds().iterator().next();
      }
      throw ApiException.invalid("tenantId", "is required: you belong to "
          + (user.tenantIds().isEmpty() ? "no organisation" : "several organisations"));
    }
    if (!user.canAccessTenant(requested) || tenants.find(requested).isEmpty()) {
      throw ApiException.invalid("tenantId", "is not an organisation you can access");
    }
    return requested;
  }
}
