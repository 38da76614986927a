package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;
import org.switchboard.caseapi.crypto.Pseudonymizer;
import org.switchboard.caseapi.security.JdbcRateCounters;
import org.switchboard.caseapi.support.SteppedClock;
import org.switchboard.caseapi.support.SwitchboardTest;

/**
 * Session starts per address are one budget for the whole cluster: two "nodes" over the same database (built here
 * with the production limit of ten a minute; the shared test context raises it) share it, and it refills.
 */
@SwitchboardTest
class WebChatRateLimitsTest {

  @Autowired DataSource dataSource;
  @Autowired Pseudonymizer pseudonymizer;

  @Test
  void sessionStartsPerAddressAreCountedForTheWholeCluster() {
    SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    WebChatProperties properties = new WebChatProperties("https://www.example.org/", List.of(), Duration.ofMinutes(30),
        Duration.ofHours(12), Duration.ofSeconds(10), DataSize.ofKilobytes(16), 4000, 30, 10, 10,
        Duration.ofSeconds(2), false);
    WebChatRateLimits nodeA = new WebChatRateLimits(properties, new JdbcRateCounters(dataSource, pseudonymizer, clock));
    WebChatRateLimits nodeB = new WebChatRateLimits(properties, new JdbcRateCounters(dataSource, pseudonymizer, clock));
    String visitor = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);
    String other = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);

    for (int i = 0; i < 5; i++) {
      assertThat(nodeA.start(visitor)).isTrue();
      assertThat(nodeB.start(visitor)).isTrue();
    }
    assertThat(nodeA.start(visitor)).as("ten starts across both nodes used the budget").isFalse();
    assertThat(nodeB.start(visitor)).isFalse();
    assertThat(nodeB.start(other)).as("another address has its own").isTrue();

    clock.step(Duration.ofSeconds(6));
    assertThat(nodeB.start(visitor)).as("one start refilled after a tenth of a minute").isTrue();
    assertThat(nodeA.start(visitor)).isFalse();
  }
}
