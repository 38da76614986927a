package org.switchboard.caseapi.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;

/** Security events of the API (denials, logins, throttling) written to the audit trail. */
@Component
public class SecurityAudit {

  public static final String ACCESS_DENIED = "ACCESS_DENIED";
  public static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
  public static final String LOGIN_FAILED = "LOGIN_FAILED";
  public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";
  public static final String RATE_LIMITED = "RATE_LIMITED";

  private static final int MAX_CLIENT = 200;

  private final AuditTrail trail;
  private final Clock clock;

  public SecurityAudit(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  public void accessDenied(String actor, HttpServletRequest request) {
    record(ACCESS_DENIED, actor, request, Outcome.DENIED, Map.of());
  }

  public void loginSucceeded(String actor, HttpServletRequest request, String method) {
    record(LOGIN_SUCCEEDED, actor, request, Outcome.SUCCESS, Map.of("authentication", method));
  }

  public void loginFailed(String actor, HttpServletRequest request, String method, String reason) {
    record(LOGIN_FAILED, actor, request, Outcome.FAILURE, Map.of("authentication", method, "reason", reason));
  }

  public void loginThrottled(String actor, HttpServletRequest request, String method) {
    record(LOGIN_THROTTLED, actor, request, Outcome.DENIED, Map.of("authentication", method));
  }

  public void rateLimited(String actor, HttpServletRequest request, String limit) {
    record(RATE_LIMITED, actor, request, Outcome.DENIED, Map.of("limit", limit));
  }

  private void record(String action, String actor, HttpServletRequest request, Outcome outcome,
      Map<String, Object> extra) {
    String path = ApiAuthorization.pathOf(request);
    Map<String, Object> details = new HashMap<>(extra);
    details.put("method", request.getMethod());
    details.put("path", path);
    // Column widths of audit_event: a caller controls user names and paths, so they are cut, never refused.
    trail.record(new AuditEvent(action, cut(actor, 100), clock.instant(), null, "endpoint",
        cut(request.getMethod() + " " + path, 100), cut(request.getRemoteAddr(), 100),
        cut(request.getHeader(HttpHeaders.USER_AGENT), MAX_CLIENT), outcome, details));
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
