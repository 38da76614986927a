package org.switchboard.caseapi.ai.chatbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.ai.results.AiResults;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.tasks.AiTasks;

/**
 * A bot conversation goes to a person: the conversation leaves bot mode for good (the case's {@code BOT_HANDOFF}
 * history entry is the record the trigger checks), the bot transcript is summarised by the AI gateway, and the case
 * stays in its human intake queue where agents see the entry, its reason and the summary's result id.
 */
@Component
public class BotHandoffUseCase {

  public static final String AUDIT_BOT_HANDOFF = "AI_BOT_HANDOFF";

  /** Why a person takes over; the bot's own reasons ({@code requested-human}, ...) are upper-cased. */
  public static final String REASON_BOT_UNAVAILABLE = "BOT_UNAVAILABLE";
  public static final String REASON_SECTOR_POLICY = "SECTOR_POLICY";
  public static final String REASON_NO_ANSWER = "NO_ANSWER";

  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final AuditRecorder audit;
  private final AiTasks ai;
  private final AiResults results;
  private final BotTurnPolicy botTurns;
  private final ObjectMapper mapper;
  private final Clock clock;

  public BotHandoffUseCase(CaseRepository cases, CaseChangeLog changeLog, Outbox outbox, AuditRecorder audit,
      AiTasks ai, AiResults results, BotTurnPolicy botTurns, ObjectMapper mapper, Clock clock) {
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.audit = audit;
    this.ai = ai;
    this.results = results;
    this.botTurns = botTurns;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** @param botResultId the stored bot reply (null when the bot was unavailable) */
  public record Handoff(String caseId, String conversationId, String messageId, boolean botAvailable,
      String botResultId) {
  }

  @Transactional
  public void handOff(Handoff h, String actor) {
    // The lock serialises turns of one case that hand off at the same moment: one entry, one summary.
    CaseRecord c = cases.findByIdForUpdate(h.caseId())
        .orElseThrow(() -> new IllegalStateException("Case " + h.caseId() + " of a bot conversation does not exist"));
    if (botTurns.handedOff(c.id())) {
      return;
    }
    String reason = reason(c, h);
    String summaryId = summarize(c.tenantId(), h.conversationId() == null ? c.id() : h.conversationId());
    Instant now = clock.instant();
    String detail = reason + (summaryId == null ? "" : " summary:" + summaryId);
    changeLog.record(c, CaseChangeTypes.BOT_HANDOFF, now, actor, List.of(), detail);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("messageId", h.messageId());
    details.put("conversationId", String.valueOf(h.conversationId()));
    details.put("reason", reason);
    details.put("botResultId", String.valueOf(h.botResultId()));
    details.put("summary", summaryId == null ? "NOT_AVAILABLE" : "RECORDED");
    details.put("summaryResultId", String.valueOf(summaryId));
    audit.record(AUDIT_BOT_HANDOFF, actor, c.tenantId(), "case", c.id(), Outcome.SUCCESS, details);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("reason", reason);
    payload.put("conversationId", String.valueOf(h.conversationId()));
    payload.put("summaryResultId", String.valueOf(summaryId));
    outbox.append(DomainEvent.ofCase(EventTypes.BOT_HANDED_OFF, c.tenantId(), c.id(), now, payload));
  }

  private String reason(CaseRecord c, Handoff h) {
    if (!h.botAvailable() || h.botResultId() == null) {
      return REASON_BOT_UNAVAILABLE;
    }
    String botReason = results.find(c.tenantId(), h.botResultId()).map(AiResults.Stored::outputJson)
        .map(this::handoffReason).orElse(null);
    if (botReason != null) {
      return botReason.toUpperCase(Locale.ROOT).replace('-', '_');
    }
    // The bot had an answer; the sector's rule (survivor support) kept it from sending it.
    return "survivor-support".equals(c.sector()) ? REASON_SECTOR_POLICY : REASON_NO_ANSWER;
  }

  private String handoffReason(String json) {
    try {
      JsonNode reply = mapper.readTree(json);
      return reply.path("handoff").asBoolean(false) && reply.hasNonNull("handoffReason")
          ? reply.get("handoffReason").asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A summary the gateway cannot make does not keep the conversation from a person: it is recorded as missing. */
  private String summarize(String tenantId, String subjectId) {
    try {
      AiTasks.ResultFacts summary = ai.summarize(tenantId, subjectId);
      return summary.available() ? summary.resultId() : null;
    } catch (AiUnavailableException e) {
      return null;
    }
  }
}
