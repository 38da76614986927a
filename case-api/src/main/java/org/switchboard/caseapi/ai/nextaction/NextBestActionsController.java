package org.switchboard.caseapi.ai.nextaction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.ai.nextaction.NextBestActionsQuery.NextBestActions;

@RestController
@Tag(name = "AI", description = "AI services through the gateway; every answer is marked aiGenerated and audited")
public class NextBestActionsController {

  private final NextBestActionsQuery query;

  public NextBestActionsController(NextBestActionsQuery query) {
    this.query = query;
  }

  @GetMapping("/api/v1/cases/{caseId}/next-best-actions")
  @Operation(summary = "Recommended actions, canned responses and knowledge-base answers for the case's latest "
      + "inbound message (NextBestAction decision table plus AI intent and distress)")
  public NextBestActions nextBestActions(@PathVariable String caseId) {
    return query.forCase(caseId);
  }
}
