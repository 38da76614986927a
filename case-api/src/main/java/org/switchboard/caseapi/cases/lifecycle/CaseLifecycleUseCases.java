package org.switchboard.caseapi.cases.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseDiff;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseStatus;
import org.switchboard.caseapi.cases.OpenTaskRouting;
import org.switchboard.caseapi.cases.Priority;
import org.switchboard.caseapi.cases.RiskLevel;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

/**
 * What the case process does to a case, one method per modeled step. The delegates call these inside
 * the engine's transaction, so the case row, its change log, its outbox events and the process state
 * commit or roll back together. A case changed by someone else in between makes the step fail (and
 * the engine transaction roll back) instead of overwriting their change.
 */
@Component
public class CaseLifecycleUseCases {

  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final OpenTaskRouting tasks;
  private final Clock clock;

  public CaseLifecycleUseCases(CaseRepository cases, CaseChangeLog changeLog, Outbox outbox, OpenTaskRouting tasks,
      Clock clock) {
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** The decision tables' verdict on a new or reopened case. */
  public record Triage(String caseId, RiskLevel riskLevel, Integer riskScore, String team, Priority priority,
      String firstResponseSla, String resolutionSla) {
  }

  /** Which service-level target ran out. */
  public enum BreachedSla {
    FIRST_RESPONSE, RESOLUTION
  }

  @Transactional
  public CaseRecord applyTriage(Triage triage, String actor) {
    CaseRecord before = load(triage.caseId());
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder()
        .riskLevel(triage.riskLevel())
        .riskScore(triage.riskScore())
        .team(triage.team())
        .priority(triage.priority() == null ? before.priority() : triage.priority())
        .firstResponseDueAt(due(now, triage.firstResponseSla()))
        .resolutionDueAt(due(now, triage.resolutionSla()))
        .build(now, actor));
    changeLog.record(after, CaseChangeTypes.TRIAGED, now, actor, CaseDiff.between(before, after), null);
    event(after, EventTypes.CASE_TRIAGED, now, CaseEventPayload.of(
        "riskLevel", after.riskLevel(), "riskScore", after.riskScore(), "team", after.team(),
        "priority", after.priority(), "firstResponseDueAt", after.firstResponseDueAt(),
        "resolutionDueAt", after.resolutionDueAt()));
    if (!Objects.equals(before.team(), after.team())) {
      event(after, EventTypes.CASE_ASSIGNED, now, CaseEventPayload.of("team", after.team(), "assignee", after.assignee()));
    }
    return after;
  }

  /** A message, call or note arrived: the case counts as active now. */
  @Transactional
  public CaseRecord recordInteraction(String caseId, String interactionId, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder().build(now, actor));
    changeLog.record(after, CaseChangeTypes.INTERACTION_RECORDED, now, actor, List.of(), interactionId);
    event(after, EventTypes.INTERACTION_RECORDED, now, CaseEventPayload.of("interactionId", interactionId));
    return after;
  }

  /**
   * Moves the case, and its open tasks, to another team and/or person.
   *
   * @param team new team (group id) or null to keep it
   * @param assignee new assignee (user id) or null to keep it
   */
  @Transactional
  public CaseRecord applyReassignment(String caseId, String team, String assignee, String actor) {
    CaseRecord before = load(caseId);
    if (team == null && assignee == null) {
      return before;
    }
    Instant now = clock.instant();
    CaseRecord.Builder change = before.toBuilder();
    if (team != null) {
      change.team(team);
    }
    if (assignee != null) {
      change.assignee(assignee);
    }
    CaseRecord after = save(change.build(now, actor));
    tasks.reassignOpenTasks(after.processInstanceId(), team, assignee);
    changeLog.record(after, CaseChangeTypes.ASSIGNED, now, actor, CaseDiff.between(before, after), null);
    event(after, EventTypes.CASE_ASSIGNED, now, CaseEventPayload.of("team", after.team(), "assignee", after.assignee()));
    return after;
  }

  /** @param reasonCode why it was escalated, a code such as {@code SAFEGUARDING}; may be null */
  @Transactional
  public CaseRecord recordEscalation(String caseId, String reasonCode, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder().escalated(true).build(now, actor));
    changeLog.record(after, CaseChangeTypes.ESCALATED, now, actor, CaseDiff.between(before, after), reasonCode);
    event(after, EventTypes.CASE_ESCALATED, now, CaseEventPayload.of("reason", reasonCode, "priority", after.priority()));
    return after;
  }

  /** Marks the breach, escalates and raises the priority one step; returns the new priority. */
  @Transactional
  public Priority recordSlaBreach(String caseId, BreachedSla sla, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder()
        .slaBreached(true)
        .escalated(true)
        .priority(before.priority().raised())
        .build(now, actor));
    Instant dueAt = sla == BreachedSla.FIRST_RESPONSE ? after.firstResponseDueAt() : after.resolutionDueAt();
    changeLog.record(after, CaseChangeTypes.SLA_BREACHED, now, actor, CaseDiff.between(before, after), sla.name());
    event(after, EventTypes.SLA_BREACHED, now, CaseEventPayload.of("sla", sla, "dueAt", dueAt));
    event(after, EventTypes.CASE_ESCALATED, now, CaseEventPayload.of("reason", "SLA_BREACHED_" + sla.name(),
        "priority", after.priority()));
    return after.priority();
  }

  /**
   * @param closureReason e.g. {@code RESOLVED}, {@code CLOSED_BY_AGENT}, {@code DUPLICATE}
   * @param outcome resolution outcome code, may be null
   */
  @Transactional
  public CaseRecord close(String caseId, String closureReason, String outcome, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder()
        .status(CaseStatus.CLOSED)
        .closedAt(now)
        .closureReason(closureReason)
        .outcome(outcome)
        .build(now, actor));
    changeLog.record(after, CaseChangeTypes.CLOSED, now, actor, CaseDiff.between(before, after), closureReason);
    event(after, EventTypes.CASE_CLOSED, now, CaseEventPayload.of("closureReason", closureReason, "outcome", outcome));
    return after;
  }

  /** Opens a closed case again; the process then runs triage once more. */
  @Transactional
  public CaseRecord reopen(String caseId, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder()
        .status(CaseStatus.OPEN)
        .closedAt(null)
        .closureReason(null)
        .outcome(null)
        .build(now, actor));
    changeLog.record(after, CaseChangeTypes.REOPENED, now, actor, CaseDiff.between(before, after), null);
    event(after, EventTypes.CASE_REOPENED, now, CaseEventPayload.of("previousClosureReason", before.closureReason()));
    return after;
  }

  /** @param score satisfaction 1..5 */
  @Transactional
  public CaseRecord recordFeedback(String caseId, int score, String actor) {
    CaseRecord before = load(caseId);
    Instant now = clock.instant();
    CaseRecord after = save(before.toBuilder().feedbackScore(score).build(now, actor));
    changeLog.record(after, CaseChangeTypes.FEEDBACK_RECEIVED, now, actor, CaseDiff.between(before, after), null);
    event(after, EventTypes.FEEDBACK_RECEIVED, now, CaseEventPayload.of("score", score));
    return after;
  }

  /** Locks the row: steps of one case (and API writes) queue up instead of failing each other. */
  private CaseRecord load(String caseId) {
    return cases.findByIdForUpdate(caseId)
        .orElseThrow(() -> new IllegalStateException("Case " + caseId + " of a running process does not exist"));
  }

  private CaseRecord save(CaseRecord changed) {
    return cases.update(changed)
        .orElseThrow(() -> ApiException.conflict("Case " + changed.id() + " changed concurrently; reload and try again"));
  }

  private void event(CaseRecord c, String type, Instant at, Map<String, Object> payload) {
    outbox.append(DomainEvent.ofCase(type, c.tenantId(), c.id(), at, payload));
  }

  /** SLA targets are ISO-8601 durations ({@code PT15M}, {@code P3D}); calendar periods ({@code P1M}) work too. */
  static Instant due(Instant now, String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return now.plus(Duration.parse(iso));
    } catch (DateTimeParseException notADuration) {
      return now.atZone(ZoneOffset.UTC).plus(Period.parse(iso)).toInstant();
    }
  }
}
