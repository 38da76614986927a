package org.switchboard.caseapi.cases.usecases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseProcess;
import org.switchboard.caseapi.cases.CaseProcess.CaseEvent;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.TeamDirectory;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;

/**
 * Requests that the case process models as events: close, reopen, escalate, reassign, feedback. The
 * process decides whether the event fits where the case stands (e.g. feedback only after closing);
 * when it does not, the request is refused with 409. The process's own steps change the case, inside
 * this transaction, so the answer shows the result.
 */
@Component
public class CaseEventsUseCase {

  private final CaseAccess access;
  private final CaseRepository cases;
  private final CaseProcess process;
  private final TeamDirectory teams;

  public CaseEventsUseCase(CaseAccess access, CaseRepository cases, CaseProcess process, TeamDirectory teams) {
    this.access = access;
    this.cases = cases;
    this.process = process;
    this.teams = teams;
  }

  @Transactional
  public CaseRecord close(String caseId, CloseCaseRequest request, CurrentUser user) {
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.CLOSURE_REASON, request.reason().name());
    // Explicit null: an outcome of an earlier closure must not carry over.
    facts.put(Variables.OUTCOME, request.outcome() == null ? null : request.outcome().name());
    return signal(access.requireFor(user, caseId), CaseEvent.CLOSE_REQUESTED, facts, "open");
  }

  @Transactional
  public CaseRecord reopen(String caseId, CurrentUser user) {
    CaseRecord c = access.requireFor(user, caseId);
    if (c.mergedIntoCaseId() != null) {
      // Its notes, documents and interactions now live on the surviving case; reopen that one instead.
      throw ApiException.conflict("Case " + c.id() + " was merged into " + c.mergedIntoCaseId() + "; reopen that case");
    }
    return signal(c, CaseEvent.REOPEN_REQUESTED, Map.of(), "closed and within its reopen window");
  }

  @Transactional
  public CaseRecord escalate(String caseId, EscalateCaseRequest request, CurrentUser user) {
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.ESCALATION_REASON, request == null ? null : request.reasonCode());
    return signal(access.requireFor(user, caseId), CaseEvent.ESCALATION_REQUESTED, facts, "being handled");
  }

  @Transactional
  public CaseRecord reassign(String caseId, ReassignCaseRequest request, CurrentUser user) {
    CaseRecord c = access.requireFor(user, caseId);
    List<FieldError> errors = new ArrayList<>();
    if (request.team() == null && request.assignee() == null) {
      errors.add(new FieldError("team", "give a team, an assignee or both"));
    }
    if (request.team() != null && !teams.isTeam(request.team())) {
      errors.add(new FieldError("team", "is not a team"));
    }
    if (request.assignee() != null && !teams.isUserOfTenant(request.assignee(), c.tenantId())) {
      errors.add(new FieldError("assignee", "is not a user of the case's organisation"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Map<String, Object> facts = new HashMap<>();
    facts.put(Variables.REASSIGN_TO_TEAM, request.team());
    facts.put(Variables.REASSIGN_TO_USER, request.assignee());
    return signal(c, CaseEvent.REASSIGNMENT_REQUESTED, facts, "being handled");
  }

  @Transactional
  public CaseRecord feedback(String caseId, FeedbackRequest request, CurrentUser user) {
    return signal(access.requireFor(user, caseId), CaseEvent.FEEDBACK_RECEIVED,
        Map.of(Variables.FEEDBACK_SCORE, request.score()), "closed and waiting for feedback");
  }

  private CaseRecord signal(CaseRecord c, CaseEvent event, Map<String, Object> facts, String requiredState) {
    if (!process.signal(c, event, facts)) {
      throw ApiException.conflict("Case " + c.id() + " must be " + requiredState + " for this; it is not");
    }
    return cases.findById(c.id()).orElseThrow();
  }
}
