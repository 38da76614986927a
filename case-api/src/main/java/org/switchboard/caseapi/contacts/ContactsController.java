package org.switchboard.caseapi.contacts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;

@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "Data subjects: contact records, export, erasure and legal holds")
public class ContactsController {

  private final CreateContactUseCase create;
  private final ContactAccess access;
  private final ExportContactUseCase export;
  private final EraseContactUseCase erase;
  private final LegalHoldUseCases legalHolds;
  private final MaskingPolicy masking;

  public ContactsController(CreateContactUseCase create, ContactAccess access, ExportContactUseCase export,
      EraseContactUseCase erase, LegalHoldUseCases legalHolds, MaskingPolicy masking) {
    this.masking = masking;
    this.create = create;
    this.access = access;
    this.export = export;
    this.erase = erase;
    this.legalHolds = legalHolds;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a contact (name, phone and email are encrypted under the contact's own key)")
  public ContactView create(@Valid @RequestBody CreateContactRequest request) {
    return ContactView.of(create.create(request.tenantId(), request.displayName(), request.phoneE164(),
        request.email()), masking.seesContactIdentity(CurrentUser.get()));
  }

  @GetMapping("/{contactId}")
  @Operation(summary = "Get a contact (name, phone and email masked for agents and service accounts)")
  public ContactView get(@PathVariable String contactId) {
    return ContactView.of(access.require(contactId), masking.seesContactIdentity(CurrentUser.get()));
  }

  @GetMapping("/{contactId}/export")
  @Operation(summary = "Export everything held about a contact (machine-readable; audited)")
  public SubjectExport export(@PathVariable String contactId) {
    return export.export(contactId);
  }

  @PostMapping("/{contactId}/erase")
  @Operation(summary = "Erase a contact and its cases everywhere (crypto-shredding); 409 under a legal hold")
  public EraseContactUseCase.Erasure erase(@PathVariable String contactId, @Valid @RequestBody EraseRequest request) {
    return erase.erase(contactId, request.reason());
  }

  @PostMapping("/{contactId}/legal-holds")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Place a legal hold on a contact: erasure is refused until it is released")
  public LegalHoldView placeHold(@PathVariable String contactId, @Valid @RequestBody LegalHoldRequest request) {
    return LegalHoldView.of(legalHolds.place(contactId, request.reason()));
  }

  @DeleteMapping("/{contactId}/legal-holds/{holdId}")
  @Operation(summary = "Release a legal hold")
  public LegalHoldView releaseHold(@PathVariable String contactId, @PathVariable String holdId) {
    return LegalHoldView.of(legalHolds.release(contactId, holdId));
  }

  /**
   * @param tenantId organisation; may be left out by callers who belong to exactly one
   * @param phoneE164 phone number in E.164 form, e.g. +4915112345678
   */
  public record CreateContactRequest(
      @Size(max = 64) String tenantId,
      @NotBlank @Size(max = 200) String displayName,
      @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be an E.164 number such as +4915112345678")
      String phoneE164,
      @Email @Size(max = 254) String email) {
  }

  /** @param reason why the subject is erased (e.g. "Art. 17 request 2026-11-26"); no personal data */
  public record EraseRequest(@NotBlank @Size(max = 500) String reason) {
  }

  /** @param reason why the data must be kept (case number of the proceedings); no personal data */
  public record LegalHoldRequest(@NotBlank @Size(max = 500) String reason) {
  }

  /**
   * @param masked the fields shown masked ({@code displayName}, {@code phoneE164}, {@code email});
   *     {@code POST /api/v1/contacts/{contactId}/reveal} shows them
   */
  public record ContactView(String id, String tenantId, String displayName, String phoneE164, String email,
      Instant createdAt, String createdBy, Instant erasedAt, List<String> masked) {

    static ContactView of(Contact c, boolean clear) {
      if (clear) {
        return new ContactView(c.id(), c.tenantId(), c.displayName(), c.phoneE164(), c.email(), c.createdAt(),
            c.createdBy(), c.erasedAt(), List.of());
      }
      List<String> masked = new ArrayList<>();
      if (c.displayName() != null) {
        masked.add(ContactFields.DISPLAY_NAME);
      }
      if (c.phoneE164() != null) {
        masked.add(ContactFields.PHONE);
      }
      if (c.email() != null) {
        masked.add(ContactFields.EMAIL);
      }
      return new ContactView(c.id(), c.tenantId(), MaskingPolicy.maskName(c.displayName()),
          MaskingPolicy.maskPhone(c.phoneE164()), MaskingPolicy.maskEmail(c.email()), c.createdAt(), c.createdBy(),
          c.erasedAt(), List.copyOf(masked));
    }
  }

  public record LegalHoldView(String id, String contactId, String reason, String placedBy, Instant placedAt,
      String releasedBy, Instant releasedAt, boolean active) {

    static LegalHoldView of(LegalHold h) {
      return new LegalHoldView(h.id(), h.subjectId(), h.reason(), h.placedBy(), h.placedAt(), h.releasedBy(),
          h.releasedAt(), h.active());
    }
  }
}
