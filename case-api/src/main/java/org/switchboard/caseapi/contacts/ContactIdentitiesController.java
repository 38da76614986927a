package org.switchboard.caseapi.contacts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.contacts.ContactIdentitiesUseCases.MergeResult;
import org.switchboard.caseapi.contacts.ContactIdentitiesUseCases.SplitResult;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;

@RestController
@RequestMapping("/api/v1/contacts/{contactId}")
@Tag(name = "Contacts", description = "Data subjects: contact records, export, erasure and legal holds")
public class ContactIdentitiesController {

  private final ContactIdentitiesUseCases useCases;
  private final MaskingPolicy masking;

  public ContactIdentitiesController(ContactIdentitiesUseCases useCases, MaskingPolicy masking) {
    this.useCases = useCases;
    this.masking = masking;
  }

  @GetMapping("/identities")
  @Operation(summary = "The handles a contact is reachable under (masked for agents; audited)")
  public List<IdentityView> identities(@PathVariable String contactId) {
    boolean clear = masking.seesContactIdentity(CurrentUser.get());
    return useCases.list(contactId).stream().map(i -> IdentityView.of(i, clear)).toList();
  }

  @PostMapping("/merge")
  @Operation(summary = "Merge another contact into this one: its identities, cases, conversations and messages move")
  public MergeResult merge(@PathVariable String contactId, @Valid @RequestBody MergeRequest request) {
    return useCases.merge(contactId, request.sourceContactId());
  }

  @PostMapping("/identities/{identityId}/split")
  @Operation(summary = "Split an identity off into a new contact, with the messages it sent")
  public SplitResult split(@PathVariable String contactId, @PathVariable String identityId) {
    return useCases.split(contactId, identityId);
  }

  /** @param sourceContactId the contact merged into this one (it keeps its record, now without identities) */
  public record MergeRequest(@Size(max = 36) String sourceContactId) {
  }

  /** @param handle E.164 number, email address or provider user id; masked unless the caller sees identities */
  public record IdentityView(String id, String kind, String handle, boolean masked, Instant createdAt,
      String createdBy) {

    static IdentityView of(ContactIdentity i, boolean clear) {
      String handle = i.handle();
      if (!clear && handle != null) {
        handle = switch (i.kind()) {
          case PHONE -> MaskingPolicy.maskPhone(handle);
          case EMAIL -> MaskingPolicy.maskEmail(handle);
          default -> MaskingPolicy.MASK;
        };
      }
      return new IdentityView(i.id(), i.kind().name(), handle, !clear && i.handle() != null, i.createdAt(),
          i.createdBy());
    }
  }
}
