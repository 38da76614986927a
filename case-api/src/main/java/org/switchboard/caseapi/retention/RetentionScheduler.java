package org.switchboard.caseapi.retention;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RetentionJob} every {@code switchboard.retention.job-interval} (first run one interval after
 * start) on a thread of its own. Several nodes may run it at once: each claims its cases with SKIP LOCKED.
 */
@Component
public class RetentionScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

  private final RetentionJob job;
  private final RetentionProperties properties;
  private final Clock clock;
  private ThreadPoolTaskScheduler scheduler;

  public RetentionScheduler(RetentionJob job, RetentionProperties properties, Clock clock) {
    this.job = job;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (!properties.jobEnabled()) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("retention-");
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        log.warn("Retention round failed; the next round follows on schedule", e);
      }
    }, clock.instant().plus(properties.jobInterval()), properties.jobInterval());
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
