package org.switchboard.caseapi.caseaccess;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.caseaccess.CaseGrantsUseCase.Origin;

@RestController
@RequestMapping("/api/v1/cases/{id}/access")
@Tag(name = "Case access", description = "Named people who may see a case beyond its team (restricted cases)")
public class CaseAccessController {

  private final CaseGrantsUseCase grants;

  public CaseAccessController(CaseGrantsUseCase grants) {
    this.grants = grants;
  }

  @GetMapping
  @Operation(summary = "List the people granted access to the case")
  public GrantList list(@PathVariable String id) {
    return new GrantList(grants.list(id).stream().map(GrantView::of).toList());
  }

  @PostMapping
  @Operation(summary = "Grant a user of the case's organisation access to the case (201; 200 if they had it)")
  public ResponseEntity<GrantView> grant(@PathVariable String id, @Valid @RequestBody GrantRequest request,
      HttpServletRequest http) {
    CaseGrantsUseCase.Granted granted = grants.grant(id, request.userId().trim(), origin(http));
    return ResponseEntity.status(granted.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(GrantView.of(granted.grant()));
  }

  @DeleteMapping("/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a user's access to the case")
  public void revoke(@PathVariable String id, @PathVariable String userId, HttpServletRequest http) {
    grants.revoke(id, userId, origin(http));
  }

  private static Origin origin(HttpServletRequest http) {
    String client = http.getHeader(HttpHeaders.USER_AGENT);
    return new Origin(http.getRemoteAddr(), client == null || client.length() <= 200 ? client : client.substring(0, 200));
  }

  public record GrantRequest(@NotBlank @Size(max = 100) String userId) {
  }

  public record GrantList(List<GrantView> items) {
  }

  public record GrantView(String caseId, String userId, Instant grantedAt, String grantedBy) {

    static GrantView of(CaseGrant g) {
      return new GrantView(g.caseId(), g.userId(), g.grantedAt(), g.grantedBy());
    }
  }
}
