package org.switchboard.caseapi.channels;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.switchboard.caseapi.audit.AuditTrail;
import org.switchboard.caseapi.crypto.Pseudonymizer;
import org.switchboard.caseapi.security.JdbcRateCounters;
import org.switchboard.caseapi.security.RateCounters;
import org.switchboard.caseapi.support.SteppedClock;
import org.switchboard.caseapi.support.SwitchboardTest;

/**
 * A source that keeps sending refused webhooks is cut off with 429 before any signature work; another source is
 * not. The guard is built here with the production limit (the shared test context raises it, because refusal
 * tests all come from 127.0.0.1); the audit trail is the real one.
 */
@SwitchboardTest
class WebhookAbuseGuardTest {

  @Autowired AuditTrail trail;
  @Autowired JdbcClient jdbc;
  @Autowired RateCounters counters;
  @Autowired DataSource dataSource;
  @Autowired Pseudonymizer pseudonymizer;

  @Test
  void twentyRefusalsFromOneSourceThrottleItAndOnlyIt() throws Exception {
    WebhookProperties properties = new WebhookProperties(null, List.of("127.0.0.1"), new WebhookProperties.Meta(null),
        new WebhookProperties.Abuse(20, Duration.ofMinutes(1)));
    WebhookAbuseGuard guard = new WebhookAbuseGuard(counters, new ForwardedRequests(properties), trail,
        Clock.systemUTC(), properties);
    var filter = guard.webhookAbuseFilter().getFilter();
    String forger = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);
    String provider = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
    AtomicInteger passed = new AtomicInteger();
    FilterChain chain = (req, res) -> passed.incrementAndGet();

    for (int i = 0; i < 20; i++) {
      MockHttpServletRequest refused = request(forger);
      filter.doFilter(refused, new MockHttpServletResponse(), chain);
      guard.refused(refused);
    }
    assertThat(passed).hasValue(20);

    MockHttpServletResponse throttled = new MockHttpServletResponse();
    filter.doFilter(request(forger), throttled, chain);
    assertThat(throttled.getStatus()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 61L);
    filter.doFilter(request(forger), new MockHttpServletResponse(), chain);
    assertThat(passed).as("a throttled source reaches no controller").hasValue(20);

    MockHttpServletResponse genuine = new MockHttpServletResponse();
    filter.doFilter(request(provider), genuine, chain);
    assertThat(genuine.getStatus()).isEqualTo(200);
    assertThat(passed).hasValue(21);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'WEBHOOK_THROTTLED' AND source = :s")
        .param("s", forger).query(Long.class).single()).as("recorded once per window").isEqualTo(1);
  }

  /**
   * Two nodes (each a guard over its own {@link JdbcRateCounters} on the one database): refusals at both count
   * against one budget, the throttle is audited once for the cluster, a restarted node keeps it, and it ends with
   * the window (stepped clock).
   */
  @Test
  void refusalsAtSeveralNodesShareOneBudget() throws Exception {
    WebhookProperties properties = new WebhookProperties(null, List.of("127.0.0.1"), new WebhookProperties.Meta(null),
        new WebhookProperties.Abuse(3, Duration.ofMinutes(1)));
    SteppedClock clock = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    WebhookAbuseGuard nodeA = node(properties, clock);
    WebhookAbuseGuard nodeB = node(properties, clock);
    // Not 203.0.113.x: the other test of this class must never meet this source.
    String forger = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 250);
    AtomicInteger passed = new AtomicInteger();
    FilterChain chain = (req, res) -> passed.incrementAndGet();

    nodeA.refused(request(forger));
    nodeB.refused(request(forger));
    clock.step(Duration.ofSeconds(10));
    nodeA.refused(request(forger));
    MockHttpServletResponse atB = new MockHttpServletResponse();
    nodeB.webhookAbuseFilter().getFilter().doFilter(request(forger), atB, chain);
    MockHttpServletResponse atA = new MockHttpServletResponse();
    nodeA.webhookAbuseFilter().getFilter().doFilter(request(forger), atA, chain);
    MockHttpServletResponse afterRestart = new MockHttpServletResponse();
    node(properties, clock).webhookAbuseFilter().getFilter().doFilter(request(forger), afterRestart, chain);

    assertThat(List.of(atB.getStatus(), atA.getStatus(), afterRestart.getStatus())).containsOnly(429);
    assertThat(atB.getHeader("Retry-After")).as("50 s left, rounded up").isEqualTo("51");
    assertThat(passed).hasValue(0);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'WEBHOOK_THROTTLED' AND source = :s")
        .param("s", forger).query(Long.class).single()).as("once per window for the cluster").isEqualTo(1);

    clock.step(Duration.ofSeconds(50));
    MockHttpServletResponse later = new MockHttpServletResponse();
    nodeB.webhookAbuseFilter().getFilter().doFilter(request(forger), later, chain);
    assertThat(later.getStatus()).isEqualTo(200);
    assertThat(passed).hasValue(1);
  }

  private WebhookAbuseGuard node(WebhookProperties properties, Clock clock) {
    return new WebhookAbuseGuard(new JdbcRateCounters(dataSource, pseudonymizer, clock),
        new ForwardedRequests(properties), trail, clock, properties);
  }

  /** A request from the trusted proxy 127.0.0.1 on behalf of {@code source}. */
  private static MockHttpServletRequest request(String source) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/twilio/sms");
    request.setRemoteAddr("127.0.0.1");
    request.addHeader("X-Forwarded-For", source);
    return request;
  }
}
