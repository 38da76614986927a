package org.switchboard.caseapi.cases;

import org.springframework.stereotype.Component;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

/**
 * The one way API code loads a case on behalf of a caller. A case of another tenant answers exactly
 * like a missing one, so ids cannot be probed across tenants.
 */
@Component
public class CaseAccess {

  private final CaseRepository cases;

  public CaseAccess(CaseRepository cases) {
    this.cases = cases;
  }

  /** The caller's visible, not deleted case, or 404. */
  public CaseRecord require(String caseId) {
    return requireFor(CurrentUser.get(), caseId);
  }

  public CaseRecord requireFor(CurrentUser user, String caseId) {
    return cases.findById(caseId)
        .filter(c -> !c.deleted())
        .filter(c -> user.canAccessTenant(c.tenantId()))
        .orElseThrow(() -> ApiException.notFound("Case", caseId));
  }
}
