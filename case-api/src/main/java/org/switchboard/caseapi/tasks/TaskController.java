package org.switchboard.caseapi.tasks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.CaseRepository.Page;
import org.switchboard.caseapi.tasks.TaskQueries.TaskForm;

@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "User tasks of cases: work list, forms, claim and complete")
public class TaskController {

  private final TaskQueries queries;
  private final TaskWork work;

  public TaskController(TaskQueries queries, TaskWork work) {
    this.queries = queries;
    this.work = work;
  }

  @GetMapping
  @Operation(summary = "The caller's open tasks in their tenants",
      description = "assignee=me: tasks assigned to the caller; candidate=me: unassigned tasks the caller or one of "
          + "their groups is a candidate for; neither: both.")
  public Page<TaskView> mine(
      @RequestParam(required = false) @Pattern(regexp = "me", message = "only 'me' is supported") String assignee,
      @RequestParam(required = false) @Pattern(regexp = "me", message = "only 'me' is supported") String candidate,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    boolean both = assignee == null && candidate == null;
    return queries.mine(both || assignee != null, both || candidate != null, page, size);
  }

  @GetMapping("/{taskId}/form")
  @Operation(summary = "The task's Camunda Form schema and the current values of its fields")
  public TaskForm form(@PathVariable String taskId) {
    return queries.form(taskId);
  }

  @PostMapping("/{taskId}/claim")
  @Operation(summary = "Claim the task (assignee becomes the caller)")
  public TaskView claim(@PathVariable String taskId) {
    return work.claim(taskId);
  }

  @PostMapping("/{taskId}/unclaim")
  @Operation(summary = "Release the task (assignee or supervisor)")
  public TaskView unclaim(@PathVariable String taskId) {
    return work.unclaim(taskId);
  }

  @PostMapping("/{taskId}/complete")
  @Operation(summary = "Complete the task with values for its form's fields",
      description = "Values are validated against the task's Camunda Form; on errors the task stays open.")
  public ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody CompleteTaskRequest request) {
    work.complete(taskId, request.variables() == null ? Map.of() : request.variables());
    return ResponseEntity.noContent().build();
  }

  /** Values keyed by the form's field keys. */
  public record CompleteTaskRequest(Map<String, Object> variables) {
  }
}
