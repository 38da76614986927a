package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.tenants.TenantDirectory;
import org.switchboard.caseapi.web.ApiException;

@Component
public class CreateContactUseCase {

  private final ContactRepository contacts;
  private final TenantDirectory tenants;
  private final Outbox outbox;
  private final Clock clock;

  public CreateContactUseCase(ContactRepository contacts, TenantDirectory tenants, Outbox outbox, Clock clock) {
    this.contacts = contacts;
    this.tenants = tenants;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The event names the contact by id only: contact details never leave the database. */
  @Transactional
  public Contact create(String requestedTenant, String displayName, String phoneE164, String email) {
    CurrentUser user = CurrentUser.get();
    String tenantId = tenant(requestedTenant, user);
    Instant now = clock.instant();
    Contact contact = new Contact(UUID.randomUUID().toString(), tenantId, displayName, phoneE164, email, now,
        user.userId(), null);
    contacts.insert(contact);
    outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACT_CREATED, tenantId,
        ContactEvents.AGGREGATE, contact.id(), now, Map.of("contactId", contact.id())));
    return contact;
  }

  private String tenant(String requested, CurrentUser user) {
    if (requested == null || requested.isBlank()) {
      if (user.tenantIds().size() == 1) {
        return user.tenantIds().iterator().next();
      }
      throw ApiException.invalid("tenantId", "is required: you belong to "
          + (user.tenantIds().isEmpty() ? "no organisation" : "several organisations"));
    }
    if (!user.canAccessTenant(requested) || tenants.find(requested).isEmpty()) {
      throw ApiException.invalid("tenantId", "is not an organisation you can access");
    }
    return requested;
  }
}
