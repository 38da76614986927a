package org.switchboard.caseapi.masking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.identity.CurrentUser;

@RestController
@Tag(name = "Cases", description = "Cases and the lifecycle events of their process")
public class RevealController {

  private final RevealFieldsUseCase reveal;

  public RevealController(RevealFieldsUseCase reveal) {
    this.reveal = reveal;
  }

  @Operation(summary = "Show masked values of a case in clear (audited); supervisors, administrators, the assignee")
  @PostMapping("/api/v1/cases/{id}/reveal")
  public ResponseEntity<RevealedFields> reveal(@PathVariable String id, @Valid @RequestBody RevealRequest request) {
    Map<String, Object> values = reveal.reveal(id, request.fields(), CurrentUser.get());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new RevealedFields(id, values));
  }

  /** @param fields names as a case's {@code masked} list gives them: description, customFields.&lt;key&gt; */
  public record RevealRequest(@NotEmpty @Size(max = 100) List<@NotBlank String> fields) {
  }

  public record RevealedFields(String caseId, Map<String, Object> values) {
  }
}
