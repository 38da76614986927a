package org.switchboard.caseapi.ai.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Metering periods, in UTC. */
public enum QuotaPeriod {
  DAY, MONTH;

  public LocalDate start(Instant now) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return this == DAY ? day : day.withDayOfMonth(1);
  }

  /** When the period containing {@code now} ends and counting starts again. */
  public Instant resetsAt(Instant now) {
    LocalDate start = start(now);
    LocalDate next = this == DAY ? start.plusDays(1) : start.plusMonths(1);
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
