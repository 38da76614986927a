package org.switchboard.caseapi.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rate counter time as epoch microseconds: plain integers, so one SQL statement can do the window and bucket
 * arithmetic the same way on H2 and PostgreSQL (their interval arithmetic differs).
 */
final class Micros {

  private Micros() {
  }

  static long now(Clock clock) {
    Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
  }

  static long of(Duration duration) {
    return Math.max(1, duration.toNanos() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * A token bucket as the generic cell rate algorithm keeps it: one instant per key, when the bucket will be full
   * again. A take moves it {@code intervalUs} later and is allowed while it stays within {@code toleranceUs} (the
   * whole bucket) of now.
   */
  record Bucket(long intervalUs, long toleranceUs) {

    /** Until one token is back, for a bucket that is full again at {@code fullUs}. */
    Duration wait(long fullUs, long nowUs) {
      return Duration.of(Math.max(1, fullUs + intervalUs - nowUs - toleranceUs), ChronoUnit.MICROS);
    }
  }

  static Bucket bucket(long capacity, Duration period) {
    if (capacity < 1) {
      throw new IllegalArgumentException("A bucket holds at least one token");
    }
    long interval = Math.max(1, of(period) / capacity);
    return new Bucket(interval, Math.multiplyExact(interval, capacity));
  }
}
