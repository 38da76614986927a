package org.switchboard.caseapi.ai.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.RiskLevel;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

/**
 * What the message analysis does to a case. An AI finding changes nothing on its own: only a supervisor's
 * decision does, and the record keeps the AI suggestion and the human decision side by side.
 */
@Component
public class AiRiskReviewUseCases {

  public static final String AUDIT_AI_DECISION_REVIEWED = "AI_DECISION_REVIEWED";
  public static final String AUDIT_AI_ANALYSIS_RECORDED = "AI_ANALYSIS_RECORDED";

  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final AuditRecorder audit;
  private final Clock clock;

  public AiRiskReviewUseCases(CaseRepository cases, CaseChangeLog changeLog, Outbox outbox, AuditRecorder audit,
      Clock clock) {
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  /** A supervisor's decision on one finding. {@code reviewedRiskLevel} only for MODIFY. */
  public record Review(String caseId, String messageId, RiskLevel proposed, int proposedScore, String decision,
      RiskLevel reviewedRiskLevel, String reason, String aiResultId) {
  }

  @Transactional
  public CaseRecord applyReview(Review review, String reviewer) {
    CaseRecord before = cases.findByIdForUpdate(review.caseId())
        .orElseThrow(() -> new IllegalStateException("Case " + review.caseId() + " of an analysis does not exist"));
    Instant now = clock.instant();
    RiskLevel resulting = switch (review.decision()) {
      case "APPROVE" -> review.proposed();
      case "MODIFY" -> {
        if (review.reviewedRiskLevel() == null) {
          throw new IllegalStateException("A modified AI risk decision names the risk level to set");
        }
        yield review.reviewedRiskLevel();
      }
      case "REJECT" -> before.riskLevel();
      default -> throw new IllegalStateException("Unknown review decision " + review.decision());
    };
    CaseRecord after = before;
    if (resulting != before.riskLevel()) {
      Integer score = resulting == review.proposed() ? Integer.valueOf(review.proposedScore())
          : Integer.valueOf(defaultScore(resulting));
      after = cases.update(before.toBuilder().riskLevel(resulting).riskScore(score).build(now, reviewer))
          .orElseThrow(() -> ApiException.conflict("Case " + before.id() + " changed concurrently"));
    }
    changeLog.record(after, CaseChangeTypes.AI_RISK_REVIEWED, now, reviewer,
        org.switchboard.caseapi.cases.CaseDiff.between(before, after), review.decision());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("messageId", review.messageId());
    details.put("aiResultId", String.valueOf(review.aiResultId()));
    details.put("aiProposedRiskLevel", review.proposed().name());
    details.put("decision", review.decision());
    details.put("reason", String.valueOf(review.reason()));
    // Audit details hold no nulls: a case still in intake has no risk level yet.
    details.put("riskLevelBefore", before.riskLevel() == null ? "NONE" : before.riskLevel().name());
    details.put("riskLevelAfter", after.riskLevel() == null ? "NONE" : after.riskLevel().name());
    audit.record(AUDIT_AI_DECISION_REVIEWED, reviewer, after.tenantId(), "case", after.id(), Outcome.SUCCESS, details);
    outbox.append(DomainEvent.ofCase(EventTypes.AI_RISK_REVIEWED, after.tenantId(), after.id(), now, Map.of(
        "decision", review.decision(), "aiProposedRiskLevel", review.proposed().name(),
        "riskLevel", after.riskLevel() == null ? "LOW" : after.riskLevel().name())));
    return after;
  }

  /** The analysis found nothing to review (or could not run); the case keeps a trace of it. */
  @Transactional
  public void recordAnalysis(String caseId, String messageId, boolean keywordsAvailable, String maxSeverity,
      String actor) {
    CaseRecord c = cases.findById(caseId)
        .orElseThrow(() -> new IllegalStateException("Case " + caseId + " of an analysis does not exist"));
    Instant now = clock.instant();
    changeLog.record(c, CaseChangeTypes.AI_ANALYSIS_RECORDED, now, actor, List.of(), messageId);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("messageId", messageId);
    details.put("keywordDetection", keywordsAvailable ? "RAN" : "NOT_AVAILABLE");
    details.put("maxSeverity", maxSeverity);
    audit.record(AUDIT_AI_ANALYSIS_RECORDED, actor, c.tenantId(), "case", c.id(), Outcome.SUCCESS, details);
  }

  /** Scores of the risk table's lowest rule per level, for levels a supervisor sets by hand. */
  static int defaultScore(RiskLevel level) {
    return switch (level) {
      case CRITICAL -> 90;
      case HIGH -> 75;
      case MEDIUM -> 50;
      case LOW -> 10;
    };
  }
}
