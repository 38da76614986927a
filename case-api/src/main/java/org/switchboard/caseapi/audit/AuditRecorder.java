package org.switchboard.caseapi.audit;

import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.identity.CurrentUser;

/**
 * Fills in who (the current user), when (the clock) and from where (the current request) and records
 * the event through {@link AuditTrail}; callers name only what happened to which object.
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
    record(action, tenantId, objectType, objectId, Outcome.SUCCESS, details);
  }

  public void record(String action, String tenantId, String objectType, String objectId, Outcome outcome,
      Map<String, Object> details) {
    RequestContext request = RequestContext.current();
    trail.record(new AuditEvent(action, CurrentUser.get().userId(), clock.instant(), tenantId, objectType, objectId,
        request.sourceAddress(), request.client(), outcome, details));
  }
}
