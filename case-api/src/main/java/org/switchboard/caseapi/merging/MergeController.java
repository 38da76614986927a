package org.switchboard.caseapi.merging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Case merge", description = "Merge a duplicate case into a surviving one")
public class MergeController {

  private final MergeCasesUseCase merge;

  public MergeController(MergeCasesUseCase merge) {
    this.merge = merge;
  }

  @PostMapping("/api/v1/cases/{caseId}/merge")
  @Operation(summary = "Merge the duplicate case into this one (this case survives; the duplicate is closed)")
  public MergeResult merge(@PathVariable String caseId, @Valid @RequestBody MergeRequest request) {
    return merge.merge(caseId, request.duplicateCaseId());
  }

  public record MergeRequest(@NotBlank String duplicateCaseId) {
  }
}
