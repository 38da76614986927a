package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  @Test
  void blocksAfterMaxFailuresPerUserAndSource() {
    LoginThrottle throttle = new LoginThrottle(new MemoryRateCounters(Clock.systemUTC()), Clock.systemUTC(), 2,
        Duration.ofMinutes(1));

    throttle.failed("ann", "10.0.0.1");
    assertThat(throttle.blockedFor("ann", "10.0.0.1")).isEmpty();
    throttle.failed("ann", "10.0.0.1");

    assertThat(throttle.blockedFor("ann", "10.0.0.1")).get()
        .satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    assertThat(throttle.blockedFor("ann", "10.0.0.2")).isEmpty();
    assertThat(throttle.blockedFor("bob", "10.0.0.1")).isEmpty();
  }

  @Test
  void aSuccessForgivesEarlierFailures() {
    LoginThrottle throttle = new LoginThrottle(new MemoryRateCounters(Clock.systemUTC()), Clock.systemUTC(), 2,
        Duration.ofMinutes(1));
    throttle.failed("ann", "10.0.0.1");

    throttle.succeeded("ann", "10.0.0.1");
    throttle.failed("ann", "10.0.0.1");

    assertThat(throttle.blockedFor("ann", "10.0.0.1")).isEmpty();
  }
}
