package org.switchboard.caseapi.channels;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;

/**
 * Refused webhooks as security events. The event names the provider, the path, the reason and the account (when
 * the request named a known one); it never holds the request's parameters or body, which may be personal data
 * or an attacker's payload.
 */
@Component
public class WebhookAudit {

  /** A provider webhook was refused (docs/audit.md); details.reason says why. */
  public static final String WEBHOOK_REFUSED = "WEBHOOK_REFUSED";

  private final AuditTrail trail;
  private final Clock clock;

  public WebhookAudit(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  public void refused(WebhookRefusal refusal, HttpServletRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", refusal.provider());
    details.put("reason", refusal.reason().name());
    details.put("method", request.getMethod());
    details.put("path", cut(request.getRequestURI(), 200));
    boolean known = refusal.account() != null;
    trail.record(new AuditEvent(WEBHOOK_REFUSED, "webhook:" + refusal.provider(), clock.instant(),
        known ? refusal.account().tenantId() : null, "channel_account", known ? refusal.account().id() : null,
        cut(request.getRemoteAddr(), 100), cut(request.getHeader(HttpHeaders.USER_AGENT), 200), Outcome.DENIED,
        details));
  }

  private static String cut(String text, int max) {
    if (text == null) {
      return null;
    }
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
