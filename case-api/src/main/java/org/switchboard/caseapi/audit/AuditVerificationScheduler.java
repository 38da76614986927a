package org.switchboard.caseapi.audit;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/** Runs {@link AuditVerificationJob} every {@code switchboard.audit.verify-interval}. */
@Component
public class AuditVerificationScheduler extends PeriodicJobScheduler {

  public AuditVerificationScheduler(AuditVerificationJob job, AuditProperties properties, Clock clock) {
    super("audit-verify", properties.verifyEnabled(), properties.verifyInterval(), job::run, clock);
  }
}
