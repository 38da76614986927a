package org.switchboard.caseapi.contacts;

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
@Tag(name = "Contacts")
public class ContactRevealController {

  private final RevealContactFieldsUseCase reveal;

  public ContactRevealController(RevealContactFieldsUseCase reveal) {
    this.reveal = reveal;
  }

  @Operation(summary = "Show a contact's masked name, phone and email in clear (audited); supervisors, "
      + "administrators, agents working one of its cases")
  @PostMapping("/api/v1/contacts/{contactId}/reveal")
  public ResponseEntity<RevealedContactFields> reveal(@PathVariable String contactId,
      @Valid @RequestBody RevealContactRequest request) {
    Map<String, Object> values = reveal.reveal(contactId, request.fields(), CurrentUser.get());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(new RevealedContactFields(contactId, values));
  }

  /** @param fields displayName, phone (or phoneE164), email */
  public record RevealContactRequest(@NotEmpty @Size(max = 10) List<@NotBlank String> fields) {
  }

  public record RevealedContactFields(String contactId, Map<String, Object> values) {
  }
}
