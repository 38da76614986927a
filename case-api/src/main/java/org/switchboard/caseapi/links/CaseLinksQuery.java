package org.switchboard.caseapi.links;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.links.LinkRepository.LinkedCase;

@Component
public class CaseLinksQuery {

  private final CaseAccess caseAccess;
  private final LinkRepository links;
  private final AuditRecorder audit;

  public CaseLinksQuery(CaseAccess caseAccess, LinkRepository links, AuditRecorder audit) {
    this.audit = audit;
    this.caseAccess = caseAccess;
    this.links = links;
  }

  /** The case's links to cases the caller may see too: a hidden case shows neither its id nor its title. */
  public List<LinkedCase> links(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "links");
    List<LinkedCase> all = links.linksOf(c.id());
    Set<String> visible = caseAccess.visibleAmong(CurrentUser.get(),
        all.stream().map(LinkedCase::otherCaseId).toList());
    return all.stream().filter(l -> visible.contains(l.otherCaseId())).toList();
  }
}
