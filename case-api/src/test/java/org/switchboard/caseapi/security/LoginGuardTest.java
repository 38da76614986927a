package org.switchboard.caseapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.support.SteppedClock;

/**
 * What the login guard asks of its counters: one read per check; writes for failures, forgiveness and a user's
 * first success in the success-audit window only.
 */
class LoginGuardTest {

  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-26T12:00:00Z"));
  private final List<String> calls = new ArrayList<>();
  private final List<AuditEvent> events = new ArrayList<>();
  private final LoginGuard guard = new LoginGuard(properties(), new SecurityAudit(events::add, clock), clock,
      recording(new MemoryRateCounters(clock)));

  @Test
  void successfulLoginsWithoutEarlierFailuresWriteOnlyTheOncePerWindowSuccessNotice() {
    for (int i = 0; i < 3; i++) {
      MockHttpServletRequest request = request();
      guard.beforeCheck("ann", request, "basic");
      guard.succeeded("ann", request, "basic");
    }

    assertThat(calls).containsExactly("current", "hit", "current", "current");
    assertThat(events).filteredOn(e -> e.action().equals(SecurityAudit.LOGIN_SUCCEEDED)).hasSize(1);
  }

  @Test
  void aSuccessAfterFailuresForgivesThem() {
    guard.failed("ann", request(), "basic", "bad credentials");
    MockHttpServletRequest request = request();
    guard.beforeCheck("ann", request, "basic");
    guard.succeeded("ann", request, "basic");

    assertThat(calls).containsExactly("hit", "current", "clear", "hit");
    guard.failed("ann", request(), "basic", "bad credentials");
    guard.failed("ann", request(), "basic", "bad credentials");
    assertThatThrownBy(() -> guard.beforeCheck("ann", request(), "basic"))
        .as("counting started again from zero").isInstanceOf(LoginThrottledException.class);
  }

  @Test
  void aBlockedPairIsRefusedUntilTheWindowClosesAndAuditedOnce() {
    for (int i = 0; i < 2; i++) {
      guard.failed("ann", request(), "basic", "bad credentials");
    }
    clock.step(Duration.ofSeconds(20));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> guard.beforeCheck("ann", request(), "basic"))
          .isInstanceOfSatisfying(LoginThrottledException.class,
              e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40)));
    }
    assertThat(events).filteredOn(e -> e.action().equals(SecurityAudit.LOGIN_THROTTLED)).hasSize(1);

    clock.step(Duration.ofSeconds(40));
    guard.beforeCheck("ann", request(), "basic");
  }

  private static SecurityProperties properties() {
    return new SecurityProperties(new SecurityProperties.Login(2, Duration.ofMinutes(1), Duration.ofMinutes(15)),
        new SecurityProperties.RateLimit(600, 6000, SecurityProperties.RateLimit.Store.MEMORY),
        new SecurityProperties.Oidc(null, null, "preferred_username", "groups", "tenants"));
  }

  private static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/cases");
    request.setRemoteAddr("192.0.2.1");
    return request;
  }

  private RateCounters recording(RateCounters delegate) {
    return new RateCounters() {
      @Override
      public Window hit(String kind, String key, Duration window) {
        calls.add("hit");
        return delegate.hit(kind, key, window);
      }

      @Override
      public Optional<Window> current(String kind, String key) {
        calls.add("current");
        return delegate.current(kind, key);
      }

      @Override
      public void clear(String kind, String key) {
        calls.add("clear");
        delegate.clear(kind, key);
      }

      @Override
      public boolean firstNotice(String kind, String key) {
        calls.add("firstNotice");
        return delegate.firstNotice(kind, key);
      }

      @Override
      public Optional<Duration> take(String kind, String key, long capacity, Duration period) {
        calls.add("take");
        return delegate.take(kind, key, capacity, period);
      }
    };
  }
}
