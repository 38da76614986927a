package org.switchboard.caseapi.cases.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.cases.usecases.BatchCasesUseCase;
import org.switchboard.caseapi.cases.usecases.BatchRequest;
import org.switchboard.caseapi.cases.usecases.BatchResult;
import org.switchboard.caseapi.cases.usecases.CaseEventsUseCase;
import org.switchboard.caseapi.cases.usecases.CloseCaseRequest;
import org.switchboard.caseapi.cases.usecases.CreateCaseRequest;
import org.switchboard.caseapi.cases.usecases.CreateCaseUseCase;
import org.switchboard.caseapi.cases.usecases.DeleteCaseUseCase;
import org.switchboard.caseapi.cases.usecases.EscalateCaseRequest;
import org.switchboard.caseapi.cases.usecases.FeedbackRequest;
import org.switchboard.caseapi.cases.usecases.FindCasesQuery;
import org.switchboard.caseapi.cases.usecases.ReassignCaseRequest;
import org.switchboard.caseapi.cases.usecases.UpdateCaseRequest;
import org.switchboard.caseapi.cases.usecases.UpdateCaseUseCase;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

@Tag(name = "Cases", description = "Cases and the lifecycle events of their process")
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

  private static final Pattern IF_MATCH = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

  private final CreateCaseUseCase create;
  private final UpdateCaseUseCase update;
  private final CaseEventsUseCase events;
  private final DeleteCaseUseCase delete;
  private final BatchCasesUseCase batch;
  private final FindCasesQuery find;
  private final CaseViews views;

  public CaseController(CreateCaseUseCase create, UpdateCaseUseCase update, CaseEventsUseCase events,
      DeleteCaseUseCase delete, BatchCasesUseCase batch, FindCasesQuery find, CaseViews views) {
    this.create = create;
    this.update = update;
    this.events = events;
    this.delete = delete;
    this.batch = batch;
    this.find = find;
    this.views = views;
  }

  @Operation(summary = "Open a case; starts its process, which triages it at once when intake facts are given")
  @PostMapping
  public ResponseEntity<CaseView> create(@Valid @RequestBody CreateCaseRequest request) {
    CaseRecord c = create.create(request, CurrentUser.get());
    return ResponseEntity.created(URI.create("/api/v1/cases/" + c.id())).eTag(CaseViews.etag(c)).body(views.of(c));
  }

  @Operation(summary = "Cases of the caller's organisations, filtered, sorted and paged")
  @GetMapping
  public Page<CaseView> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String riskLevel,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String caseType,
      @Parameter(description = "Text in the title or id") @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page,
      @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer size,
      @Parameter(description = "createdAt, updatedAt, priority, riskLevel, status, resolutionDueAt or title")
      @RequestParam(required = false) String sort,
      @Parameter(description = "asc or desc (default)") @RequestParam(required = false) String direction) {
    Page<CaseRecord> result = find.search(new FindCasesQuery.Params(status, priority, riskLevel, team, assignee,
        caseType, q, page, size, sort, direction), CurrentUser.get());
    return new Page<>(result.items().stream().map(views::of).toList(), result.page(), result.size(), result.total());
  }

  @Operation(summary = "One case; its ETag is the version a change must name in If-Match")
  @GetMapping("/{id}")
  public ResponseEntity<CaseView> get(@PathVariable String id) {
    return ok(find.get(id, CurrentUser.get()));
  }

  @Operation(summary = "Change title, description, custom fields or priority; needs If-Match with the version read")
  @PatchMapping("/{id}")
  public ResponseEntity<CaseView> update(@PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody UpdateCaseRequest request) {
    Long version = ifMatch != null ? parseIfMatch(ifMatch) : request.version();
    return ok(update.update(id, request, version, CurrentUser.get()));
  }

  @Operation(summary = "Close the case (409 when it is not open)")
  @PostMapping("/{id}/close")
  public ResponseEntity<CaseView> close(@PathVariable String id, @Valid @RequestBody CloseCaseRequest request) {
    return ok(events.close(id, request, CurrentUser.get()));
  }

  @Operation(summary = "Reopen a closed case within its reopen window; triage runs again")
  @PostMapping("/{id}/reopen")
  public ResponseEntity<CaseView> reopen(@PathVariable String id) {
    return ok(events.reopen(id, CurrentUser.get()));
  }

  @Operation(summary = "Escalate the case to the supervisors")
  @PostMapping("/{id}/escalate")
  public ResponseEntity<CaseView> escalate(@PathVariable String id,
      @Valid @RequestBody(required = false) EscalateCaseRequest request) {
    return ok(events.escalate(id, request, CurrentUser.get()));
  }

  @Operation(summary = "Move the case and its open tasks to another team and/or person")
  @PostMapping("/{id}/reassign")
  public ResponseEntity<CaseView> reassign(@PathVariable String id, @Valid @RequestBody ReassignCaseRequest request) {
    return ok(events.reassign(id, request, CurrentUser.get()));
  }

  @Operation(summary = "Record the caller's satisfaction (1..5) on a closed case; ends its process")
  @PostMapping("/{id}/feedback")
  public ResponseEntity<CaseView> feedback(@PathVariable String id, @Valid @RequestBody FeedbackRequest request) {
    return ok(events.feedback(id, request, CurrentUser.get()));
  }

  @Operation(summary = "Soft-delete the case and cancel its process (supervisors and admins)")
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    delete.delete(id, CurrentUser.get());
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Assign, change priority of or close up to 100 cases; one result per case")
  @PostMapping("/batch")
  public BatchResult batch(@Valid @RequestBody BatchRequest request) {
    return batch.apply(request, CurrentUser.get());
  }

  private ResponseEntity<CaseView> ok(CaseRecord c) {
    return ResponseEntity.ok().eTag(CaseViews.etag(c)).body(views.of(c));
  }

  private static Long parseIfMatch(String header) {
    Matcher m = IF_MATCH.matcher(header);
    if (!m.matches()) {
      throw ApiException.invalid(HttpHeaders.IF_MATCH, "must be the case's version as an entity tag, e.g. \"3\"");
    }
    return Long.valueOf(m.group(1));
  }
}
