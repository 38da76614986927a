package org.switchboard.caseapi.shared;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs one periodic job on a thread of its own (first run one interval after start), so a long round
 * never delays the application's other scheduled work; a failed round is logged and the next one
 * follows on schedule.
 */
public abstract class PeriodicJobScheduler implements SmartLifecycle {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final boolean enabled;
  private final Duration interval;
  private final Runnable round;
  private final Clock clock;
  private ThreadPoolTaskScheduler scheduler;

  protected PeriodicJobScheduler(String name, boolean enabled, Duration interval, Runnable round, Clock clock) {
    this.name = name;
    this.enabled = enabled;
    this.interval = interval;
    this.round = round;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (!enabled) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix(name + "-");
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        round.run();
      } catch (RuntimeException e) {
        log.warn("{} round failed; the next round follows on schedule", name, e);
      }
    }, clock.instant().plus(interval), interval);
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
