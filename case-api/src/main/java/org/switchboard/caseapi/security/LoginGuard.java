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
 * the identity store is asked, and every outcome reaches the audit trail ({@link SecurityAudit}).
 */
@Component
public class LoginGuard {

  private final LoginThrottle throttle;
  private final SecurityAudit audit;
  private final Clock clock;
  private final Duration successAuditWindow;
  private final Duration throttleAuditWindow;
  private final ConcurrentMap<String, Instant> successAudited = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> throttleAudited = new ConcurrentHashMap<>();

  public LoginGuard(SecurityProperties properties, SecurityAudit audit, Clock clock) {
    SecurityProperties.Login login = properties.login();
    this.throttle = new LoginThrottle(login.maxFailures(), login.window());
    this.audit = audit;
    this.clock = clock;
    this.successAuditWindow = login.successAuditWindow();
    this.throttleAuditWindow = login.window();
  }

  /** Throws {@link LoginThrottledException} (and records LOGIN_THROTTLED) when this attempt must not be checked. */
  public void beforeCheck(String userId, HttpServletRequest request, String method) {
    throttle.blockedFor(String.valueOf(userId), request.getRemoteAddr()).ifPresent(wait -> {
      // One event per key and window: a flood of refused attempts must not become a flood of audit rows.
      if (firstIn(throttleAudited, userId + '\u0000' + request.getRemoteAddr(), throttleAuditWindow)) {
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
    throttle.succeeded(userId, request.getRemoteAddr());
    if (firstIn(successAudited, userId, successAuditWindow)) {
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
