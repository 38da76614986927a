package org.switchboard.caseapi.links;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.web.ApiException;

/**
 * Row-locks two cases until the transaction ends, always in id order, so two requests touching the same
 * pair (link A→B and B→A, merge A into B and B into A) queue up instead of deadlocking.
 */
@Component
public class CasePairLock {

  private final CaseRepository cases;

  public CasePairLock(CaseRepository cases) {
    this.cases = cases;
  }

  /** Both cases as locked, keyed by id. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<String, CaseRecord> lock(String a, String b) {
    String first = a.compareTo(b) <= 0 ? a : b;
    String second = first.equals(a) ? b : a;
    CaseRecord one = lockOne(first);
    CaseRecord two = lockOne(second);
    return Map.of(one.id(), one, two.id(), two);
  }

  private CaseRecord lockOne(String id) {
    return cases.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound("Case", id));
  }
}
