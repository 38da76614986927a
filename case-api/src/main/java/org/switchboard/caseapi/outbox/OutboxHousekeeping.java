package org.switchboard.caseapi.outbox;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.config.SwitchboardProperties;

/**
 * Keeps the outbox small: deletes rows delivered longer ago than {@code switchboard.kafka.retention}.
 * Unpublished rows are never deleted, however old. Safe on several nodes at once.
 */
@Component
public class OutboxHousekeeping {

  private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);
  /** Deletes in slices so a large backlog never becomes one long transaction. */
  private static final int SLICE = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;

  public OutboxHousekeeping(JdbcClient jdbc, Clock clock, SwitchboardProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.retention = properties.kafka().retention();
  }

  /** Returns the number of rows deleted. */
  public int deleteExpired() {
    Instant cutoff = clock.instant().minus(retention);
    int total = 0;
    int deleted;
    do {
      deleted = jdbc.sql("""
              DELETE FROM outbox_event WHERE id IN (
                SELECT id FROM outbox_event WHERE published_at < :cutoff ORDER BY published_at LIMIT :slice)
              """)
          .param("cutoff", ts(cutoff))
          .param("slice", SLICE)
          .update();
      total += deleted;
    } while (deleted == SLICE);
    if (total > 0) {
      log.debug("Deleted {} outbox events delivered before {}", total, cutoff);
    }
    return total;
  }
}
