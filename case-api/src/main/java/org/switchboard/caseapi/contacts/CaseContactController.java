package org.switchboard.caseapi.contacts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.cases.web.CaseView;
import org.switchboard.caseapi.cases.web.CaseViews;

@RestController
@Tag(name = "Contacts")
public class CaseContactController {

  private final LinkCaseContactUseCase link;
  private final CaseViews views;

  public CaseContactController(LinkCaseContactUseCase link, CaseViews views) {
    this.link = link;
    this.views = views;
  }

  @PutMapping("/api/v1/cases/{id}/contact")
  @Operation(summary = "Make a contact the subject of a case")
  public CaseView link(@PathVariable String id, @Valid @RequestBody LinkContactRequest request) {
    return views.of(link.link(id, request.contactId()));
  }

  public record LinkContactRequest(@NotBlank @Size(max = 36) String contactId) {
  }
}
