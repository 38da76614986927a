package org.switchboard.caseapi.tasks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tasks")
public class CaseTaskController {

  private final TaskQueries queries;

  public CaseTaskController(TaskQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/api/v1/cases/{caseId}/tasks")
  @Operation(summary = "Open and finished user tasks of a case, oldest first")
  public List<TaskView> ofCase(@PathVariable String caseId) {
    return queries.ofCase(caseId);
  }
}
