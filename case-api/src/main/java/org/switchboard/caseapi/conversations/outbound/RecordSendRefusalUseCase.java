package org.switchboard.caseapi.conversations.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.channels.RefusalCodes;

/**
 * What the OutboundMessage process does when a send was refused: the message keeps the refusal (SEND_IN_DOUBT
 * leaves it IN_DOUBT for a person to settle, every other code makes it REFUSED) and the case's history and events
 * say so. Idempotent: a job retried after a crash records nothing twice on the message.
 */
@Component
public class RecordSendRefusalUseCase {

  /** Team of the review task when the case has none. */
  static final String FALLBACK_TEAM = "general-team";

  private final OutboundMessageStore store;
  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public RecordSendRefusalUseCase(OutboundMessageStore store, CaseRepository cases, CaseChangeLog changeLog,
      Outbox outbox, Clock clock) {
    this.store = store;
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** @return the case's team: candidate group of the review task */
  @Transactional
  public String record(String messageId, String code, String actor) {
    OutboundMessageStore.Stored m = store.findForUpdate(messageId)
        .orElseThrow(() -> new IllegalStateException("Outbound message " + messageId + " does not exist"));
    Instant now = clock.instant();
    if (RefusalCodes.SEND_IN_DOUBT.equals(code)) {
      store.markInDoubt(m.id(), now);
    } else if (!"REFUSED".equals(m.state())) {
      store.refused(m.id(), code, m.errorReason() != null && code.equals(m.errorCode()) ? m.errorReason()
          : "Refused: " + code, now);
    }
    CaseRecord c = cases.findById(m.caseId())
        .orElseThrow(() -> new IllegalStateException("Case " + m.caseId() + " of message " + messageId + " is gone"));
    changeLog.record(c, OutboundAuditActions.CHANGE_MESSAGE_REFUSED, now, actor, List.of(),
        m.channel() + " message " + m.id() + " not sent: " + code);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messageId", m.id());
    payload.put("channel", m.channel().name());
    payload.put("code", code);
    outbox.append(DomainEvent.ofCase(EventTypes.OUTBOUND_MESSAGE_REFUSED, c.tenantId(), c.id(), now, payload));
    return c.team() != null ? c.team() : FALLBACK_TEAM;
  }
}
