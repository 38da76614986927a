package org.switchboard.caseapi.cases.usecases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.TeamDirectory;
import org.switchboard.caseapi.cases.usecases.BatchRequest.Action;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * One action on many cases. The request is checked as a whole first; then each case gets its own
 * transaction through the single-case use case, so one locked, closed or foreign case does not undo
 * the others, and each result says what the single-case call would have answered.
 */
@Component
public class BatchCasesUseCase {

  private static final Logger log = LoggerFactory.getLogger(BatchCasesUseCase.class);

  private final CaseEventsUseCase events;
  private final UpdateCaseUseCase updates;
  private final TeamDirectory teams;

  public BatchCasesUseCase(CaseEventsUseCase events, UpdateCaseUseCase updates, TeamDirectory teams) {
    this.events = events;
    this.updates = updates;
    this.teams = teams;
  }

  public BatchResult apply(BatchRequest request, CurrentUser user) {
    validate(request);
    List<BatchResult.Item> results = new ArrayList<>();
    for (String caseId : request.caseIds()) {
      results.add(applyTo(caseId, request, user));
    }
    return new BatchResult(results);
  }

  private BatchResult.Item applyTo(String caseId, BatchRequest request, CurrentUser user) {
    try {
      switch (request.action()) {
        case ASSIGN -> events.reassign(caseId, new ReassignCaseRequest(request.team(), request.assignee()), user);
        case CHANGE_PRIORITY -> updates.changePriority(caseId, UpdateCaseRequest.priorityOnly(request.priority()), user);
        case CLOSE -> events.close(caseId, new CloseCaseRequest(request.reason(), request.outcome()), user);
      }
      return new BatchResult.Item(caseId, 200, null);
    } catch (ApiException refused) {
      return new BatchResult.Item(caseId, refused.status().value(), refused.getMessage());
    } catch (RuntimeException unexpected) {
      log.error("Batch {} failed on case {}", request.action(), caseId, unexpected);
      return new BatchResult.Item(caseId, 500, "An unexpected error occurred; it has been logged");
    }
  }

  private void validate(BatchRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (new HashSet<>(request.caseIds()).size() != request.caseIds().size()) {
      errors.add(new FieldError("caseIds", "contains an id more than once"));
    }
    Action action = request.action();
    if (action == Action.ASSIGN) {
      if (request.team() == null && request.assignee() == null) {
        errors.add(new FieldError("team", "give a team, an assignee or both for ASSIGN"));
      }
      if (request.team() != null && !teams.isTeam(request.team())) {
        errors.add(new FieldError("team", "is not a team"));
      }
    } else {
      unused(errors, "team", request.team(), action);
      unused(errors, "assignee", request.assignee(), action);
    }
    if (action == Action.CHANGE_PRIORITY) {
      if (request.priority() == null) {
        errors.add(new FieldError("priority", "is required for CHANGE_PRIORITY"));
      }
    } else {
      unused(errors, "priority", request.priority(), action);
    }
    if (action == Action.CLOSE) {
      if (request.reason() == null) {
        errors.add(new FieldError("reason", "is required for CLOSE"));
      }
    } else {
      unused(errors, "reason", request.reason(), action);
      unused(errors, "outcome", request.outcome(), action);
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  private static void unused(List<FieldError> errors, String field, Object value, Action action) {
    if (value != null) {
      errors.add(new FieldError(field, "is not used by " + action));
    }
  }
}
