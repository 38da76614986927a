package org.switchboard.caseapi.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Fills in who (the current user unless named), when (the clock) and from where (the current request)
 * and records the event through {@link AuditTrail}; callers name only what happened to which object.
 *
 * <p>Inside a transaction the event is written just before it commits, in that same transaction: the
 * event exists exactly when the change does, and the chain head (which every append locks) is held for
 * the commit only, not for the whole business transaction.
 */
@Component
public class AuditRecorder {

  private final AuditTrail trail;
  private final Clock clock;

  public AuditRecorder(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  public void success(String action, String tenantId, String objectType, String objectId,
      Map<String, Object> details) {
    record(action, null, tenantId, objectType, objectId, Outcome.SUCCESS, details);
  }

  /** A read of a case or a part of it; {@code view} names the part (case, history, notes, ...). */
  public void caseViewed(String tenantId, String caseId, String view) {
    success(AuditActions.CASE_VIEWED, tenantId, "case", caseId, Map.of("view", view));
  }

  /** A data change of a case: the change type and the NAMES of the changed fields, never their values. */
  public void caseChanged(String tenantId, String caseId, String changeType, String actor, List<String> fields) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("changeType", changeType);
    details.put("fields", List.copyOf(fields));
    record(AuditActions.CASE_CHANGE_PREFIX + changeType, actor, tenantId, "case", caseId, Outcome.SUCCESS, details);
  }

  /** {@code actor} null means the current user. */
  public void record(String action, String actor, String tenantId, String objectType, String objectId,
      Outcome outcome, Map<String, Object> details) {
    RequestContext request = RequestContext.current();
    AuditEvent event = new AuditEvent(action, actor != null ? actor : CurrentUser.get().userId(), clock.instant(),
        tenantId, objectType, objectId, request.sourceAddress(), request.client(), outcome, details);
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          trail.record(event);
        }
      });
    } else {
      trail.record(event);
    }
  }
}
