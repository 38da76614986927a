package org.switchboard.caseapi.caseaccess;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.TeamDirectory;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

/**
 * Lets named people into a case, and out again. Only someone who sees the case may change who else does;
 * for a restricted case that excludes administrators who are not on its team (docs/security.md).
 */
@Component
public class CaseGrantsUseCase {

  public static final String ACCESS_GRANTED = "ACCESS_GRANTED";
  public static final String ACCESS_REVOKED = "ACCESS_REVOKED";

  private final CaseAccess caseAccess;
  private final CaseGrantRepository grants;
  private final TeamDirectory directory;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final Clock clock;

  public CaseGrantsUseCase(CaseAccess caseAccess, CaseGrantRepository grants, TeamDirectory directory,
      CaseChangeLog changeLog, Outbox outbox, AuditTrail audit, Clock clock) {
    this.caseAccess = caseAccess;
    this.grants = grants;
    this.directory = directory;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  /** Where a request came from, for the audit trail. */
  public record Origin(String source, String client) {
  }

  public List<CaseGrant> list(String caseId) {
    CaseRecord c = caseAccess.require(caseId);
    return grants.ofCase(c.id());
  }

  /** @return the grant, and whether it is new (granting twice changes nothing) */
  @Transactional
  public Granted grant(String caseId, String userId, Origin origin) {
    CaseRecord c = caseAccess.requireForChange(caseId);
    if (!directory.isUserOfTenant(userId, c.tenantId())) {
      throw ApiException.invalid("userId", "is not a user of the case's organisation");
    }
    var existing = grants.find(c.id(), userId);
    if (existing.isPresent()) {
      return new Granted(existing.get(), false);
    }
    String actor = CurrentUser.get().userId();
    Instant now = clock.instant();
    CaseGrant grant = new CaseGrant(c.id(), userId, c.tenantId(), now, actor);
    grants.insert(grant);
    record(c, ACCESS_GRANTED, EventTypes.CASE_ACCESS_GRANTED, userId, actor, now, origin);
    return new Granted(grant, true);
  }

  @Transactional
  public void revoke(String caseId, String userId, Origin origin) {
    CaseRecord c = caseAccess.requireForChange(caseId);
    if (!grants.delete(c.id(), userId)) {
      throw ApiException.notFound("Access grant of case " + caseId + " for user", userId);
    }
    record(c, ACCESS_REVOKED, EventTypes.CASE_ACCESS_REVOKED, userId, CurrentUser.get().userId(), clock.instant(),
        origin);
  }

  private void record(CaseRecord c, String action, String eventType, String userId, String actor, Instant now,
      Origin origin) {
    changeLog.record(c, action, now, actor, List.of(), action.equals(ACCESS_GRANTED)
        ? "Access granted to " + userId : "Access revoked from " + userId);
    outbox.append(DomainEvent.ofCase(eventType, c.tenantId(), c.id(), now,
        Map.of("caseId", c.id(), "userId", userId)));
    audit.record(new AuditEvent(action, actor, now, c.tenantId(), "case", c.id(), origin.source(), origin.client(),
        Outcome.SUCCESS, Map.of("userId", userId)));
  }

  public record Granted(CaseGrant grant, boolean created) {
  }
}
