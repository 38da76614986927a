package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.crypto.DataKeys;
import org.switchboard.caseapi.crypto.Subject;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.retention.RetentionProperties;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;

/**
 * Erasure of a data subject (GDPR Art. 17): the contact's identity and every case of the contact, unless a
 * legal hold forbids it (409 with the hold's reason) or a sector retention duty keeps a case record (the
 * case stays, the contact's identity goes, and the audit record says why).
 */
@Component
public class EraseContactUseCase {

  private final ContactAccess contactAccess;
  private final ContactRepository contacts;
  private final ContactCases contactCases;
  private final LegalHoldRepository holds;
  private final CaseDataEraser eraser;
  private final DataKeys dataKeys;
  private final TenantDirectory tenants;
  private final RetentionProperties retention;
  private final AuditRecorder audit;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ContactIdentityRepository identities;

  public EraseContactUseCase(ContactAccess contactAccess, ContactRepository contacts, ContactCases contactCases,
      LegalHoldRepository holds, CaseDataEraser eraser, DataKeys dataKeys, TenantDirectory tenants,
      RetentionProperties retention, AuditRecorder audit, Outbox outbox, PlatformTransactionManager txm, Clock clock,
      ContactIdentityRepository identities) {
    this.identities = identities;
    this.contactAccess = contactAccess;
    this.contacts = contacts;
    this.contactCases = contactCases;
    this.holds = holds;
    this.eraser = eraser;
    this.dataKeys = dataKeys;
    this.tenants = tenants;
    this.retention = retention;
    this.audit = audit;
    this.outbox = outbox;
    this.transaction = new TransactionTemplate(txm);
    this.clock = clock;
  }

  /** What an erasure did: counts, and the cases a retention duty kept (with the reason). */
  public record Erasure(String contactId, Instant erasedAt, int casesErased, int casesRetained,
      String retentionReason, Map<String, Object> counts) {
  }

  public Erasure erase(String contactId, String reason) {
    String actor = CurrentUser.get().userId();
    Object result = transaction.execute(status -> {
      Contact contact = contactAccess.requireForUpdate(contactId);
      if (contact.erased()) {
        throw ApiException.conflict("Contact " + contactId + " was erased already");
      }
      List<LegalHold> active = new ArrayList<>(holds.active(Subject.CONTACT, contact.id()));
      contactCases.of(contact).forEach(c -> active.addAll(holds.active(Subject.CASE, c.id())));
      if (!active.isEmpty()) {
        return active.get(0);
      }
      return eraseUnheld(contact, reason, actor);
    });
    if (result instanceof LegalHold hold) {
      // Outside the (finished) transaction, so the refusal is on record although nothing changed.
      audit.record(AuditActions.SUBJECT_ERASURE_REFUSED, actor, hold.tenantId(), "contact", contactId, Outcome.DENIED,
          Map.of("holdId", hold.id()));
      throw ApiException.conflict("Contact " + contactId + " is under legal hold " + hold.id() + ": " + hold.reason());
    }
    return (Erasure) result;
  }

  private Erasure eraseUnheld(Contact contact, String reason, String actor) {
    Instant now = clock.instant();
    String sector = tenants.find(contact.tenantId()).map(TenantDirectory.TenantConfig::sector).orElse("");
    Optional<Period> duty = Optional.ofNullable(retention.sectorMinimum().get(sector));
    int erased = 0;
    int retained = 0;
    Map<String, Integer> totals = new LinkedHashMap<>();
    for (CaseRecord c : contactCases.of(contact)) {
      if (duty.isPresent() && underDuty(c, duty.get(), now)) {
        retained++;
        continue;
      }
      CaseDataEraser.Erased e = eraser.erase(c, actor, now, "SUBJECT_ERASURE");
      e.asMap().forEach((k, v) -> totals.merge(k, (Integer) v, Integer::sum));
      erased++;
    }
    contacts.markErased(contact.id(), now);
    // Handles and their blind index: a later message from the same handle starts a new contact.
    int identitiesErased = identities.deleteOfContact(contact.id());
    int contactKeys = dataKeys.shred(contact.tenantId(), Subject.ofContact(contact.id()));
    String retentionReason = retained == 0 ? null
        : "Sector " + sector + " must keep case records for " + duty.get() + " after closing: " + retained
            + " case record(s) kept, the contact's identity erased";

    Map<String, Object> details = new LinkedHashMap<>(totals);
    details.put("contactFields", 3);
    details.put("contactDataKeys", contactKeys);
    details.put("contactIdentities", identitiesErased);
    details.put("casesErased", erased);
    details.put("casesRetained", retained);
    if (retentionReason != null) {
      details.put("retentionReason", retentionReason);
    }
    details.put("reason", reason);
    audit.record(AuditActions.SUBJECT_ERASED, actor, contact.tenantId(), "contact", contact.id(), Outcome.SUCCESS,
        details);
    outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACT_ERASED, contact.tenantId(),
        ContactEvents.AGGREGATE, contact.id(), now, Map.of("contactId", contact.id(), "casesErased", erased,
            "casesRetained", retained)));
    return new Erasure(contact.id(), now, erased, retained, retentionReason, Map.copyOf(details));
  }

  /** Open cases, and cases closed less than the duty ago, are records the sector must keep. */
  static boolean underDuty(CaseRecord c, Period duty, Instant now) {
    if (c.closedAt() == null) {
      return true;
    }
    return c.closedAt().isAfter(now.atZone(ZoneOffset.UTC).minus(duty).toInstant());
  }
}
