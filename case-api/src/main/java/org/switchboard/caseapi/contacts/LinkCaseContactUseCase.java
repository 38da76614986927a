package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;

@Component
public class LinkCaseContactUseCase {

  private final CaseAccess caseAccess;
  private final ContactAccess contactAccess;
  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final Clock clock;

  public LinkCaseContactUseCase(CaseAccess caseAccess, ContactAccess contactAccess, CaseRepository cases,
      CaseChangeLog changeLog, Outbox outbox, Clock clock) {
    this.caseAccess = caseAccess;
    this.contactAccess = contactAccess;
    this.cases = cases;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Makes the contact the case's subject; both must be the caller's and of the same organisation. An
   * anonymous case refuses any contact, so neither it nor its history ever names one.
   */
  @Transactional
  public CaseRecord link(String caseId, String contactId) {
    CaseRecord current = caseAccess.requireForChange(caseId);
    if (current.anonymous()) {
      throw ApiException.conflict("Case " + caseId + " is anonymous: it can never be linked to a contact");
    }
    Contact contact = contactAccess.requireForUpdate(contactId);
    if (!contact.tenantId().equals(current.tenantId())) {
      throw ApiException.notFound("Contact", contactId);
    }
    if (contact.erased()) {
      throw ApiException.conflict("Contact " + contactId + " was erased");
    }
    if (contactId.equals(current.contactId())) {
      return current;
    }
    String user = CurrentUser.get().userId();
    Instant now = clock.instant();
    CaseRecord updated = cases.update(current.toBuilder().contactId(contactId).build(now, user))
        .orElseThrow(() -> ApiException.conflict("Case " + caseId + " was changed concurrently; reload and retry"));
    changeLog.record(updated, CaseChangeTypes.UPDATED, now, user,
        List.of(new FieldChange("contactId", current.contactId(), contactId)), null);
    outbox.append(DomainEvent.ofCase(EventTypes.CASE_UPDATED, updated.tenantId(), updated.id(), now,
        CaseEventPayload.of("fields", List.of("contactId"), "priority", updated.priority())));
    return updated;
  }
}
