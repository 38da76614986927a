package org.switchboard.caseapi.cases;

import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
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

  /**
   * The case if it exists, is not deleted, belongs to one of the user's tenants and the user may see it
   * (team, assignment, authorship, grant or rank; restricted cases only the first four: {@link CaseVisibility}).
   * Every refusal is the same 404 as a missing case.
   */
  public CaseRecord requireFor(CurrentUser user, String caseId) {
    return cases.findById(caseId)
        .filter(c -> !c.deleted())
        .filter(c -> user.canAccessTenant(c.tenantId()))
        .filter(c -> cases.visibleTo(c.id(), CaseVisibility.viewerOf(user)))
        .orElseThrow(() -> ApiException.notFound("Case", caseId));
  }

  /** Whether the user may see the case (tenant and object level), without loading it for them. */
  public boolean canSee(CurrentUser user, CaseRecord c) {
    return !c.deleted() && user.canAccessTenant(c.tenantId())
        && cases.visibleTo(c.id(), CaseVisibility.viewerOf(user));
  }

  /** Those of the case ids the user may see: to filter lists that name cases (tasks, links). */
  public Set<String> visibleAmong(CurrentUser user, Collection<String> caseIds) {
    return cases.visibleAmong(caseIds, CaseVisibility.viewerOf(user));
  }

  /**
   * For changes to what a case holds (notes, documents, links): the caller's visible case, row-locked
   * until the transaction ends so a concurrent merge cannot move content away mid-change. A case that
   * was merged into another takes no new content (409).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public CaseRecord requireForChange(String caseId) {
    CaseRecord visible = require(caseId);
    CaseRecord locked = cases.findByIdForUpdate(visible.id())
        .orElseThrow(() -> ApiException.notFound("Case", caseId));
    if (locked.mergedIntoCaseId() != null) {
      throw ApiException.conflict("Case " + caseId + " was merged into case " + locked.mergedIntoCaseId());
    }
    return locked;
  }
}
