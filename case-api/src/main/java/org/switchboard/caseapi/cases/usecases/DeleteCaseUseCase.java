package org.switchboard.caseapi.cases.usecases;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseDiff;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

/**
 * Soft-deletes a case: it disappears from the API, its process instance ends, and the row stays for
 * the audit trail (and for erasure, which is a separate, later step).
 */
@Component
public class DeleteCaseUseCase {

  /** Delete reason of the cancelled instance, visible in Cockpit's history. */
  static final String CANCEL_REASON = "CASE_DELETED";

  private final CaseAccess access;
  private final CaseRepository cases;
  private final CaseProcess process;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public DeleteCaseUseCase(CaseAccess access, CaseRepository cases, CaseProcess process, CaseChangeLog changeLog,
      Outbox outbox, Clock clock) {
    this.access = access;
    this.cases = cases;
    this.process = process;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public void delete(String caseId, CurrentUser user) {
    // Visibility first: an agent probing another tenant's id gets 404, not 403.
    CaseRecord current = access.requireFor(user, caseId);
    if (!user.isAdmin() && !user.inGroup(Roles.SUPERVISORS) && !user.inGroup(Roles.TENANT_ADMINS)) {
      throw ApiException.forbidden("Only supervisors and administrators may delete cases");
    }
    Instant now = clock.instant();
    CaseRecord deleted = cases.update(current.toBuilder().deletedAt(now).deletedBy(user.userId())
            .build(now, user.userId()))
        .orElseThrow(() -> ApiException.conflict("Case " + caseId + " changed concurrently; reload and try again"));
    process.cancel(deleted, CANCEL_REASON);
    changeLog.record(deleted, CaseChangeTypes.DELETED, now, user.userId(), CaseDiff.between(current, deleted), null);
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_DELETED, deleted.tenantId(), deleted.id(), now,
        CaseEventPayload.of("status", deleted.status())));
  }
}
