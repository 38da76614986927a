package org.switchboard.caseapi.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test steps it (shared by the "nodes" of a test, like NTP-synced hosts). */
public final class SteppedClock extends Clock {

  private final AtomicReference<Instant> now;

  public SteppedClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public void step(Duration by) {
    now.updateAndGet(at -> at.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
