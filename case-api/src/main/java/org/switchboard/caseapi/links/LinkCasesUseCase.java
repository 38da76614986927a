package org.switchboard.caseapi.links;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
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
public class LinkCasesUseCase {

  public static final String CHANGE_LINKED = "LINKED";

  private final CaseAccess caseAccess;
  private final CasePairLock pairLock;
  private final LinkRepository links;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public LinkCasesUseCase(CaseAccess caseAccess, CasePairLock pairLock, LinkRepository links,
      CaseChangeLog changeLog, Outbox outbox, Clock clock) {
    this.caseAccess = caseAccess;
    this.pairLock = pairLock;
    this.links = links;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Links case {@code caseId} to {@code targetCaseId}. A target the caller cannot see, or one of another
   * tenant (admins see several), answers 404 like a missing one.
   */
  @Transactional
  public CaseLink link(String caseId, String targetCaseId, LinkType type) {
    CaseRecord source = caseAccess.require(caseId);
    if (source.id().equals(targetCaseId)) {
      throw ApiException.invalid("targetCaseId", "must be another case than the one being linked");
    }
    CaseRecord target = caseAccess.require(targetCaseId);
    if (!target.tenantId().equals(source.tenantId())) {
      throw ApiException.notFound("Case", targetCaseId);
    }
    Map<String, CaseRecord> locked = pairLock.lock(source.id(), target.id());
    CaseRecord lockedSource = locked.get(source.id());
    if (lockedSource.mergedIntoCaseId() != null) {
      throw ApiException.conflict("Case " + caseId + " was merged into case " + lockedSource.mergedIntoCaseId());
    }
    if (links.findBetween(source.id(), target.id(), type).isPresent()) {
      throw ApiException.conflict("Cases " + caseId + " and " + targetCaseId + " are already linked as " + type);
    }
    try {
      return linkLocked(lockedSource, locked.get(target.id()), type, clock.instant(), CurrentUser.get().userId());
    } catch (DuplicateKeyException raced) {
      throw ApiException.conflict("Cases " + caseId + " and " + targetCaseId + " are already linked as " + type);
    }
  }

  /**
   * Writes the link with its change-log entries on both cases and the event. For callers that checked
   * access and hold both row locks (see {@link CasePairLock}), e.g. a merge.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public CaseLink linkLocked(CaseRecord source, CaseRecord target, LinkType type, Instant now, String user) {
    CaseLink link = new CaseLink(UUID.randomUUID().toString(), source.tenantId(), source.id(), target.id(), type,
        now, user);
    links.insert(link);
    changeLog.record(source, CHANGE_LINKED, now, user, List.of(),
        "Linked as " + type + " to case " + target.id() + " (link " + link.id() + ")");
    changeLog.record(target, CHANGE_LINKED, now, user, List.of(),
        "Linked as " + type + " from case " + source.id() + " (link " + link.id() + ")");
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_LINKED, source.tenantId(), source.id(), now, event(link)));
    return link;
  }

  static Map<String, Object> event(CaseLink link) {
    return Map.of("linkId", link.id(), "sourceCaseId", link.sourceCaseId(), "targetCaseId", link.targetCaseId(),
        "linkType", link.type().name());
  }
}
