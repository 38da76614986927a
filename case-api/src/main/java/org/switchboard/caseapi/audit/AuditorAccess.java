package org.switchboard.caseapi.audit;

import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.web.ApiException;

/** Audit views are for auditors and admins only; auditors see the events of their own tenants. */
final class AuditorAccess {

  private AuditorAccess() {
  }

  static CurrentUser require() {
    CurrentUser user = CurrentUser.get();
    if (!user.isAdmin() && !user.inGroup(Roles.AUDITORS)) {
      throw ApiException.forbidden("Only auditors and admins may read the audit trail");
    }
    return user;
  }
}
