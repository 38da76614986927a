package org.switchboard.caseapi.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Case history", description = "Case changes and process history in one timeline")
public class HistoryController {

  private final CaseHistoryQuery query;

  public HistoryController(CaseHistoryQuery query) {
    this.query = query;
  }

  @GetMapping("/api/v1/cases/{caseId}/history")
  @Operation(summary = "The case's changes and its process history merged in time order")
  public HistoryView history(@PathVariable String caseId) {
    return new HistoryView(query.history(caseId));
  }

  public record HistoryView(List<HistoryEntry> items) {
  }
}
