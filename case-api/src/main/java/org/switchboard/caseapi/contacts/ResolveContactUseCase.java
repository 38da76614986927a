package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.contacts.ContactHandles.Handle;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.channels.Channel;

/**
 * The contact behind an inbound handle: the one whose identity has the handle's blind index, or a new contact with
 * that identity. Runs in a transaction of its own, so two first messages of one new person processed at once
 * resolve to one contact: the loser of the unique index reads the winner's contact.
 */
@Component
public class ResolveContactUseCase {

  private final ContactHandles handles;
  private final ContactIdentityRepository identities;
  private final ContactRepository contacts;
  private final Outbox outbox;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  public ResolveContactUseCase(ContactHandles handles, ContactIdentityRepository identities,
      ContactRepository contacts, Outbox outbox, PlatformTransactionManager txm, Clock clock) {
    this.handles = handles;
    this.identities = identities;
    this.contacts = contacts;
    this.outbox = outbox;
    this.newTransaction = new TransactionTemplate(txm);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** @return the contact id */
  public String resolve(String tenantId, Channel channel, String rawHandle, String senderName) {
    if (rawHandle == null || rawHandle.isBlank()) {
      throw new IllegalArgumentException("An inbound message without a sender handle cannot be given a contact");
    }
    Handle handle = handles.of(channel, rawHandle);
    for (int attempt = 0; ; attempt++) {
      try {
        return newTransaction.execute(s -> resolveOnce(tenantId, handle, senderName));
      } catch (DuplicateKeyException concurrentFirstMessage) {
        if (attempt >= 2) {
          throw concurrentFirstMessage;
        }
      }
    }
  }

  private String resolveOnce(String tenantId, Handle handle, String senderName) {
    var existing = identities.findByHandle(tenantId, handle.kind(), handle.value());
    if (existing.isPresent()) {
      ContactIdentity identity = existing.get();
      Contact owner = contacts.findById(identity.contactId()).orElse(null);
      if (owner != null && !owner.erased()) {
        return owner.id();
      }
      // The person was erased (or the row is gone): they come back as a new contact, not as the erased one.
      String contactId = create(tenantId, handle, senderName);
      identities.moveTo(new ContactIdentity(identity.id(), identity.tenantId(), identity.contactId(), identity.kind(),
          handle.value(), identity.createdAt(), identity.createdBy()), contactId);
      return contactId;
    }
    String contactId = create(tenantId, handle, senderName);
    identities.insert(new ContactIdentity(UUID.randomUUID().toString(), tenantId, contactId, handle.kind(),
        handle.value(), clock.instant(), CurrentUser.SYSTEM_USER));
    return contactId;
  }

  private String create(String tenantId, Handle handle, String senderName) {
    Instant now = clock.instant();
    String email = handle.kind() == IdentityKind.EMAIL ? handle.value() : null;
    Contact contact = new Contact(UUID.randomUUID().toString(), tenantId,
        senderName == null || senderName.isBlank() ? null : senderName.strip(), handle.e164(), email, now,
        CurrentUser.SYSTEM_USER, null);
    contacts.insert(contact);
    outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACT_CREATED, tenantId,
        ContactEvents.AGGREGATE, contact.id(), now, Map.of("contactId", contact.id())));
    return contact.id();
  }
}
