package org.switchboard.caseapi.retention;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.shared.PeriodicJobScheduler;

/**
 * Runs {@link RetentionJob} every {@code switchboard.retention.job-interval}. Several nodes may run it at
 * once: each claims its cases with SKIP LOCKED.
 */
@Component
public class RetentionScheduler extends PeriodicJobScheduler {

  public RetentionScheduler(RetentionJob job, RetentionProperties properties, Clock clock) {
    super("retention", properties.jobEnabled(), properties.jobInterval(), job::run, clock);
  }
}
