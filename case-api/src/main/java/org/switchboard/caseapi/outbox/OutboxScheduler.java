package org.switchboard.caseapi.outbox;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Runs the relay every {@code switchboard.kafka.relay-interval} and housekeeping hourly, on threads of
 * their own: a relay waiting for an unreachable broker must not hold up the application's other
 * scheduled work. Starts after every bean is ready and stops before the database goes away.
 */
@Component
public class OutboxScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxScheduler.class);
  private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofHours(1);
  private static final Duration HOUSEKEEPING_FIRST_RUN = Duration.ofMinutes(1);

  private final OutboxRelay relay;
  private final OutboxHousekeeping housekeeping;
  private final Clock clock;
  private final Duration relayInterval;
  private ThreadPoolTaskScheduler scheduler;

  public OutboxScheduler(OutboxRelay relay, OutboxHousekeeping housekeeping, Clock clock,
      SwitchboardProperties properties) {
    this.relay = relay;
    this.housekeeping = housekeeping;
    this.clock = clock;
    this.relayInterval = properties.kafka().relayInterval();
  }

  @Override
  public synchronized void start() {
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(2);
    scheduler.setThreadNamePrefix("outbox-");
    scheduler.setWaitForTasksToCompleteOnShutdown(true);
    scheduler.setAwaitTerminationSeconds(30);
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(guarded("relay", relay::relayPending), relayInterval);
    scheduler.scheduleWithFixedDelay(guarded("housekeeping", housekeeping::deleteExpired),
        clock.instant().plus(HOUSEKEEPING_FIRST_RUN), HOUSEKEEPING_INTERVAL);
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

  /** A failing round (database briefly away) is logged and the schedule goes on. */
  private static Runnable guarded(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("Outbox {} round failed; next round follows on schedule", name, e);
      }
    };
  }
}
