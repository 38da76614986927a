package org.switchboard.caseapi.webchat;

import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditTrail;

/** Audit events of the web chat (docs/channels-webchat.md, "Audit"): ids and reasons only, never content. */
@Component
public class WebChatAudit {

  /** A session was started after the pre-chat form; details.consent says whether consent was given. */
  public static final String SESSION_STARTED = "WEBCHAT_SESSION_STARTED";
  /** A session ended; details.reason is EXIT (quick exit), VISITOR or EXPIRED. */
  public static final String SESSION_ENDED = "WEBCHAT_SESSION_ENDED";
  /** A socket or end request came with a token that is unknown, ended or expired. */
  public static final String TOKEN_REFUSED = "WEBCHAT_TOKEN_REFUSED";
  /** A socket or session request came from an origin the account does not allow. */
  public static final String ORIGIN_REFUSED = "WEBCHAT_ORIGIN_REFUSED";

  static final String ACTOR = "webchat";
  private static final int MAX = 100;

  private final AuditTrail trail;
  private final Clock clock;

  public WebChatAudit(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  void sessionStarted(String tenantId, String sessionId, String accountId, boolean consent, String source) {
    trail.record(new AuditEvent(SESSION_STARTED, ACTOR, clock.instant(), tenantId, "WEBCHAT_SESSION", sessionId,
        cut(source), null, Outcome.SUCCESS, Map.of("accountId", accountId, "consent", consent)));
  }

  void sessionEnded(String tenantId, String sessionId, String reason) {
    trail.record(new AuditEvent(SESSION_ENDED, ACTOR, clock.instant(), tenantId, "WEBCHAT_SESSION", sessionId,
        null, null, Outcome.SUCCESS, Map.of("reason", reason)));
  }

  void tokenRefused(String accountId, String reason, String source) {
    trail.record(new AuditEvent(TOKEN_REFUSED, ACTOR, clock.instant(), null, "WEBCHAT_ACCOUNT",
        cut(accountId), cut(source), null, Outcome.DENIED, Map.of("reason", reason)));
  }

  void originRefused(String accountId, String origin, String path, String source) {
    trail.record(new AuditEvent(ORIGIN_REFUSED, ACTOR, clock.instant(), null, "WEBCHAT_ACCOUNT",
        cut(accountId), cut(source), null, Outcome.DENIED,
        Map.of("origin", String.valueOf(cut(origin)), "path", path)));
  }

  private static String cut(String text) {
    return text == null || text.length() <= MAX ? text : text.substring(0, MAX);
  }
}
