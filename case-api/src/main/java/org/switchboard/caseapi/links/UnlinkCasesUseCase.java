package org.switchboard.caseapi.links;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

@Component
public class UnlinkCasesUseCase {

  public static final String CHANGE_UNLINKED = "UNLINKED";

  private final CaseAccess caseAccess;
  private final CasePairLock pairLock;
  private final LinkRepository links;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public UnlinkCasesUseCase(CaseAccess caseAccess, CasePairLock pairLock, LinkRepository links,
      CaseChangeLog changeLog, Outbox outbox, Clock clock) {
    this.caseAccess = caseAccess;
    this.pairLock = pairLock;
    this.links = links;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Removes a link of the case (either direction); the link that records a merge stays. */
  @Transactional
  public void unlink(String caseId, String linkId) {
    CaseRecord c = caseAccess.require(caseId);
    CaseLink link = links.find(linkId).filter(l -> l.involves(c.id()))
        .orElseThrow(() -> ApiException.notFound("Link", linkId));
    Map<String, CaseRecord> locked = pairLock.lock(link.sourceCaseId(), link.targetCaseId());
    CaseRecord source = locked.get(link.sourceCaseId());
    CaseRecord target = locked.get(link.targetCaseId());
    if (link.type() == LinkType.DUPLICATE && link.targetCaseId().equals(source.mergedIntoCaseId())) {
      throw ApiException.conflict("Link " + linkId + " records the merge of case " + source.id()
          + " into case " + target.id() + " and cannot be removed");
    }
    links.delete(link.id());
    Instant now = clock.instant();
    String user = CurrentUser.get().userId();
    changeLog.record(source, CHANGE_UNLINKED, now, user, List.of(),
        "Unlinked " + link.type() + " to case " + target.id() + " (link " + link.id() + ")");
    changeLog.record(target, CHANGE_UNLINKED, now, user, List.of(),
        "Unlinked " + link.type() + " from case " + source.id() + " (link " + link.id() + ")");
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_UNLINKED, source.tenantId(), source.id(), now,
        LinkCasesUseCase.event(link)));
  }
}
