package org.switchboard.caseapi.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * What happens around a password check: attempts of a throttled user name and address are refused before
 * the identity store is asked, and every outcome reaches the audit trail ({@link SecurityAudit}). The failure
 * counts are shared by all nodes ({@link RateCounters}); a basic-auth request costs one read of them, and a
 * write only on failure, on the first success after failures, and on a user's first success in a node's
 * success-audit window.
 */
@Component
public class LoginGuard {

  /** Request attribute: whether {@link #beforeCheck} found failures of this user name and address. */
  private static final String FAILURES_SEEN = LoginGuard.class.getName() + ".failuresSeen";

  /** Shared counter of successful logins per user name, so LOGIN_SUCCEEDED is written once per window per cluster. */
  static final String SUCCESS_NOTICE_KIND = "login-success-notices";

  private final LoginThrottle throttle;
  private final RateCounters counters;
  private final SecurityAudit audit;
  private final Clock clock;
  private final Duration successAuditWindow;
  /** Asked before the shared counter, so a node writes it at most once per user and window. */
  private final ConcurrentMap<String, Instant> successAudited = new ConcurrentHashMap<>();

  public LoginGuard(SecurityProperties properties, SecurityAudit audit, Clock clock, RateCounters counters) {
    SecurityProperties.Login login = properties.login();
    this.throttle = new LoginThrottle(counters, clock, login.maxFailures(), login.window());
    this.counters = counters;
    this.audit = audit;
    this.clock = clock;
    this.successAuditWindow = login.successAuditWindow();
  }

  /** Throws {@link LoginThrottledException} (and records LOGIN_THROTTLED) when this attempt must not be checked. */
  public void beforeCheck(String userId, HttpServletRequest request, String method) {
    LoginThrottle.State state = throttle.state(String.valueOf(userId), request.getRemoteAddr());
    request.setAttribute(FAILURES_SEEN, state.failures() > 0);
    state.blockedFor().ifPresent(wait -> {
      // One event per key and window, cluster-wide: a flood of refused attempts must not flood the audit table.
      if (throttle.firstRefusal(String.valueOf(userId), request.getRemoteAddr())) {
        audit.loginThrottled(userId, request, method);
      }
      throw new LoginThrottledException(wait);
    });
  }

  public void failed(String userId, HttpServletRequest request, String method, String reason) {
    throttle.failed(String.valueOf(userId), request.getRemoteAddr());
    audit.loginFailed(userId, request, method, reason);
  }

  /** Basic authentication runs on every request, so a user's success is recorded once per window, not per call. */
  public void succeeded(String userId, HttpServletRequest request, String method) {
    // Only a password checked in this request forgives, and only failures it saw: no write per request. (A bearer
    // token proves nothing about the password, so it leaves the pair's failures as they are.)
    if (Boolean.TRUE.equals(request.getAttribute(FAILURES_SEEN))) {
      throttle.succeeded(userId, request.getRemoteAddr());
    }
    if (firstIn(successAudited, userId, successAuditWindow)
        && counters.hit(SUCCESS_NOTICE_KIND, String.valueOf(userId), successAuditWindow).hits() == 1) {
      audit.loginSucceeded(userId, request, method);
    }
  }

  private boolean firstIn(ConcurrentMap<String, Instant> last, String key, Duration window) {
    Instant now = clock.instant();
    if (last.size() > 100_000) {
      last.values().removeIf(at -> !now.isBefore(at.plus(window)));
    }
    AtomicBoolean first = new AtomicBoolean();
    last.compute(key, (k, at) -> {
      if (at == null || !now.isBefore(at.plus(window))) {
        first.set(true);
        return now;
      }
      return at;
    });
    return first.get();
  }
}
