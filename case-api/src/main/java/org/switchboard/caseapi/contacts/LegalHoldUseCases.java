package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.web.ApiException;

/** Placing and releasing legal holds on a contact; both are audited (the reason is the holder's, not personal data). */
@Component
public class LegalHoldUseCases {

  private final ContactAccess contactAccess;
  private final LegalHoldRepository holds;
  private final AuditRecorder audit;
  private final Clock clock;

  public LegalHoldUseCases(ContactAccess contactAccess, LegalHoldRepository holds, AuditRecorder audit, Clock clock) {
    this.contactAccess = contactAccess;
    this.holds = holds;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public LegalHold place(String contactId, String reason) {
    Contact contact = contactAccess.requireForUpdate(contactId);
    if (contact.erased()) {
      throw ApiException.conflict("Contact " + contactId + " was erased; there is nothing left to hold");
    }
    LegalHold hold = new LegalHold(UUID.randomUUID().toString(), contact.tenantId(), Subject.CONTACT, contact.id(),
        reason, CurrentUser.get().userId(), clock.instant(), null, null);
    holds.insert(hold);
    audit.success(AuditActions.LEGAL_HOLD_PLACED, contact.tenantId(), "contact", contact.id(),
        Map.of("holdId", hold.id()));
    return hold;
  }

  @Transactional
  public LegalHold release(String contactId, String holdId) {
    Contact contact = contactAccess.requireForUpdate(contactId);
    LegalHold hold = holds.find(Subject.CONTACT, contact.id(), holdId)
        .orElseThrow(() -> ApiException.notFound("Legal hold", holdId));
    Instant now = clock.instant();
    if (!holds.release(hold.id(), CurrentUser.get().userId(), now)) {
      throw ApiException.conflict("Legal hold " + holdId + " was released already");
    }
    audit.success(AuditActions.LEGAL_HOLD_RELEASED, contact.tenantId(), "contact", contact.id(),
        Map.of("holdId", hold.id()));
    return holds.find(Subject.CONTACT, contact.id(), holdId).orElseThrow();
  }
}
