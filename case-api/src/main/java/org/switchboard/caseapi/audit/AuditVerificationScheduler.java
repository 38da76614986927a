package org.switchboard.caseapi.audit;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs {@link AuditVerificationJob} every {@code switchboard.audit.verify-interval} (first run one interval
 * after start) on a thread of its own, so a long verification never delays other scheduled work.
 */
@Component
public class AuditVerificationScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditVerificationScheduler.class);

  private final AuditVerificationJob job;
  private final AuditProperties properties;
  private final Clock clock;
  private ThreadPoolTaskScheduler scheduler;

  public AuditVerificationScheduler(AuditVerificationJob job, AuditProperties properties, Clock clock) {
    this.job = job;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (!properties.verifyEnabled()) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("audit-verify-");
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        log.warn("Audit chain verification round failed; next round follows on schedule", e);
      }
    }, clock.instant().plus(properties.verifyInterval()), properties.verifyInterval());
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
