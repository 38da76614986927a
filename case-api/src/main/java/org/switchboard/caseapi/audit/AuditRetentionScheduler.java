package org.switchboard.caseapi.audit;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/**
 * Runs {@link AuditRetentionJob} every {@code switchboard.audit.retention.interval} when
 * {@code switchboard.audit.retention.enabled}. Several nodes may run it: each batch advances the anchor only
 * from where it found it, so a second node's batch fails and is retried from the new anchor next round.
 */
@Component
public class AuditRetentionScheduler extends PeriodicJobScheduler {

  public AuditRetentionScheduler(AuditRetentionJob job, AuditProperties properties, Clock clock) {
    super("audit-retention", properties.retention().enabled(), properties.retention().interval(), job::run, clock);
  }
}
