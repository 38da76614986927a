package org.switchboard.caseapi.links;

import java.util.List;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.links.LinkRepository.LinkedCase;

@Component
public class CaseLinksQuery {

  private final CaseAccess caseAccess;
  private final LinkRepository links;

  public CaseLinksQuery(CaseAccess caseAccess, LinkRepository links) {
    this.caseAccess = caseAccess;
    this.links = links;
  }

  public List<LinkedCase> links(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    return links.linksOf(c.id());
  }
}
