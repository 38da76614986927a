package org.switchboard.caseapi.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.caseapi.ai.providers.CircuitBreakers;
import org.switchboard.caseapi.ai.providers.CircuitBreakers.State;
import org.switchboard.workers.ai.AiService;

class CircuitBreakersTest {

  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final CircuitBreakers circuits = new CircuitBreakers(clock, new AiGatewayProperties(Duration.ofSeconds(10), 1,
      1, new AiGatewayProperties.Circuit(2, Duration.ofSeconds(30)), Duration.ofHours(1), List.of(), Map.of(), "GB", false, Duration.ofMinutes(1), Duration.ofHours(24), false));

  @Test
  void opensAfterConsecutiveFailuresLetsOneTrialThroughAfterTheCoolDownAndClosesOnSuccess() {
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).isTrue();
    circuits.failure("t", AiService.SENTIMENT, "p");
    circuits.success("t", AiService.SENTIMENT, "p");
    circuits.failure("t", AiService.SENTIMENT, "p");
    assertThat(circuits.state("t", AiService.SENTIMENT, "p")).as("a success resets the count").isEqualTo(State.CLOSED);
    circuits.failure("t", AiService.SENTIMENT, "p");
    assertThat(circuits.state("t", AiService.SENTIMENT, "p")).isEqualTo(State.OPEN);
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).isFalse();
    assertThat(circuits.tryAcquire("other-tenant", AiService.SENTIMENT, "p")).isTrue();

    now = now.plusSeconds(30);
    assertThat(circuits.state("t", AiService.SENTIMENT, "p")).isEqualTo(State.HALF_OPEN);
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).as("the trial").isTrue();
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).as("only one trial at a time").isFalse();
    circuits.failure("t", AiService.SENTIMENT, "p");
    assertThat(circuits.state("t", AiService.SENTIMENT, "p")).as("a failed trial opens again").isEqualTo(State.OPEN);

    now = now.plusSeconds(30);
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).isTrue();
    circuits.success("t", AiService.SENTIMENT, "p");
    assertThat(circuits.state("t", AiService.SENTIMENT, "p")).isEqualTo(State.CLOSED);
    assertThat(circuits.tryAcquire("t", AiService.SENTIMENT, "p")).isTrue();
  }
}
