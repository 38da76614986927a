package org.switchboard.caseapi.links;

import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
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

  public List<LinkedCase> links(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    audit.caseViewed(c.tenantId(), c.id(), "links");
    return links.linksOf(c.id());
  }
}
