package org.switchboard.caseapi.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.cases.CaseVisibility;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;
import org.switchboard.caseapi.masking.RevealFieldsUseCase;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;

/**
 * Shows a contact's masked identifiers in clear to those who see them anyway (supervisors, tenant
 * administrators, administrators) and to agents working one of the contact's cases: an agent must see at
 * least one live case of the contact under the ordinary case visibility rules. Every reveal, and every
 * refused one, is audited as {@value RevealFieldsUseCase#REVEALED} with the field NAMES only.
 */
@Component
public class RevealContactFieldsUseCase {

  /** {@code phone} is accepted for {@code phoneE164}: the short name is what people type. */
  private static final Set<String> REVEALABLE = Set.of(ContactFields.DISPLAY_NAME, ContactFields.PHONE, "phone",
      ContactFields.EMAIL);

  private final ContactAccess access;
  private final ContactCases contactCases;
  private final CaseRepository cases;
  private final MaskingPolicy masking;
  private final AuditRecorder audit;

  public RevealContactFieldsUseCase(ContactAccess access, ContactCases contactCases, CaseRepository cases,
      MaskingPolicy masking, AuditRecorder audit) {
    this.access = access;
    this.contactCases = contactCases;
    this.cases = cases;
    this.masking = masking;
    this.audit = audit;
  }

  public Map<String, Object> reveal(String contactId, List<String> fields, CurrentUser user) {
    Contact contact = access.require(contactId);
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (!REVEALABLE.contains(fields.get(i))) {
        errors.add(new FieldError("fields[" + i + "]", "is not one of displayName, phone, email"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    List<String> names = List.copyOf(new LinkedHashSet<>(fields));
    if (!mayReveal(user, contact)) {
      audit.record(RevealFieldsUseCase.REVEALED, null, contact.tenantId(), "contact", contact.id(), Outcome.DENIED,
          Map.of("fields", names));
      throw ApiException.forbidden(
          "Only supervisors, administrators and agents working a case of this contact may reveal its details");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, switch (name) {
        case ContactFields.DISPLAY_NAME -> contact.displayName();
        case ContactFields.EMAIL -> contact.email();
        default -> contact.phoneE164();
      });
    }
    audit.success(RevealFieldsUseCase.REVEALED, contact.tenantId(), "contact", contact.id(), Map.of("fields", names));
    return values;
  }

  private boolean mayReveal(CurrentUser user, Contact contact) {
    if (masking.seesContactIdentity(user)) {
      return true;
    }
    List<String> live = contactCases.of(contact).stream().filter(c -> !c.deleted()).map(CaseRecord::id).toList();
    return !live.isEmpty() && !cases.visibleAmong(live, CaseVisibility.viewerOf(user)).isEmpty();
  }
}
