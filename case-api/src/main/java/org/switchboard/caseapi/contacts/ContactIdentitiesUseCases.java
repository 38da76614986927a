package org.switchboard.caseapi.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditActions;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseChangeLog.FieldChange;
import org.switchboard.caseapi.cases.CaseChangeTypes;
import org.switchboard.caseapi.cases.CaseEventPayload;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.workers.channels.Channel;

/**
 * A contact's identities (handles), and correcting who is who: merging two contacts that are one person, and
 * splitting off an identity that belongs to someone else. Both run in one transaction, lock the contacts involved
 * (in id order, so two opposite merges cannot deadlock), and are audited with counts, never handles.
 */
@Component
public class ContactIdentitiesUseCases {

  private final ContactAccess access;
  private final ContactRepository contacts;
  private final ContactIdentityRepository identities;
  private final ContactHandles handles;
  private final CaseRepository cases;
  private final CaseChangeLog changeLog;
  private final FieldCipher cipher;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final AuditRecorder audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public ContactIdentitiesUseCases(ContactAccess access, ContactRepository contacts,
      ContactIdentityRepository identities, ContactHandles handles, CaseRepository cases, CaseChangeLog changeLog,
      FieldCipher cipher, JdbcClient jdbc, Outbox outbox, AuditRecorder audit, TransactionTemplate transaction,
      Clock clock) {
    this.access = access;
    this.contacts = contacts;
    this.identities = identities;
    this.handles = handles;
    this.cases = cases;
    this.changeLog = changeLog;
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  public List<ContactIdentity> list(String contactId) {
    Contact contact = access.require(contactId);
    List<ContactIdentity> list = identities.ofContact(contact.id());
    audit.success(AuditActions.CONTACT_IDENTITIES_VIEWED, contact.tenantId(), "contact", contact.id(),
        Map.of("count", list.size()));
    return list;
  }

  public record MergeResult(String contactId, String mergedContactId, int identitiesMoved, int casesMoved,
      int conversationsMoved, int messagesMoved) {
  }

  /** Moves everything of {@code sourceContactId} (identities, cases, conversations, messages) to the contact. */
  public MergeResult merge(String contactId, String sourceContactId) {
    if (sourceContactId == null || sourceContactId.isBlank()) {
      throw ApiException.invalid("sourceContactId", "is required");
    }
    if (sourceContactId.equals(contactId)) {
      throw ApiException.invalid("sourceContactId", "must be another contact than the one merged into");
    }
    String user = CurrentUser.get().userId();
    return transaction.execute(s -> {
      Contact target;
      Contact source;
      // Lock in id order: a merge of A into B and one of B into A at once wait for each other, never deadlock.
      if (contactId.compareTo(sourceContactId) < 0) {
        target = access.requireForUpdate(contactId);
        source = lockSource(sourceContactId, target);
      } else {
        Contact visible = access.require(contactId);
        source = lockSource(sourceContactId, visible);
        target = access.requireForUpdate(contactId);
      }
      if (target.erased() || source.erased()) {
        throw ApiException.conflict("An erased contact cannot be merged");
      }
      Instant now = clock.instant();
      List<ContactIdentity> moved = identities.ofContact(source.id());
      moved.forEach(i -> identities.moveTo(i, target.id()));
      int casesMoved = 0;
      for (String caseId : jdbc.sql("SELECT id FROM case_record WHERE contact_id = :c AND tenant_id = :t ORDER BY id")
          .param("c", source.id()).param("t", source.tenantId()).query(String.class).list()) {
        CaseRecord before = cases.findByIdForUpdate(caseId).orElseThrow();
        CaseRecord after = cases.update(before.toBuilder().contactId(target.id()).build(now, user))
            .orElseThrow(() -> ApiException.conflict("Case " + caseId + " changed concurrently; retry the merge"));
        changeLog.record(after, CaseChangeTypes.UPDATED, now, user,
            List.of(new FieldChange("contactId", source.id(), target.id())), null);
        outbox.append(DomainEvent.ofCase(EventTypes.CASE_UPDATED, after.tenantId(), after.id(), now,
            CaseEventPayload.of("fields", List.of("contactId"), "priority", after.priority())));
        casesMoved++;
      }
      int conversationsMoved = jdbc.sql("UPDATE conversation SET contact_id = :to, updated_at = :now "
              + "WHERE contact_id = :from AND tenant_id = :t")
          .param("to", target.id()).param("from", source.id()).param("t", source.tenantId())
          .param("now", org.switchboard.caseapi.shared.Jdbc.ts(now)).update();
      int messagesMoved = jdbc.sql("UPDATE message SET contact_id = :to WHERE contact_id = :from AND tenant_id = :t")
          .param("to", target.id()).param("from", source.id()).param("t", source.tenantId()).update();
      MergeResult result = new MergeResult(target.id(), source.id(), moved.size(), casesMoved, conversationsMoved,
          messagesMoved);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("mergedContactId", source.id());
      details.put("identitiesMoved", moved.size());
      details.put("casesMoved", casesMoved);
      details.put("conversationsMoved", conversationsMoved);
      details.put("messagesMoved", messagesMoved);
      audit.success(AuditActions.CONTACTS_MERGED, target.tenantId(), "contact", target.id(), details);
      outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACTS_MERGED, target.tenantId(),
          ContactEvents.AGGREGATE, target.id(), now, Map.of("contactId", target.id(),
          "mergedContactId", source.id())));
      return result;
    });
  }

  public record SplitResult(String contactId, String newContactId, String identityId, int messagesMoved,
      int conversationsMoved) {
  }

  /**
   * The identity becomes a contact of its own, with the messages it sent and the conversations held only through
   * it. Cases stay with the contact: whose case it is remains an agent's decision (link the case anew).
   */
  public SplitResult split(String contactId, String identityId) {
    String user = CurrentUser.get().userId();
    return transaction.execute(s -> {
      Contact contact = access.requireForUpdate(contactId);
      ContactIdentity identity = identities.findById(identityId)
          .filter(i -> i.contactId().equals(contact.id()))
          .orElseThrow(() -> ApiException.notFound("Identity", identityId));
      if (contact.erased() || identity.handle() == null) {
        throw ApiException.conflict("An erased contact cannot be split");
      }
      if (identities.ofContact(contact.id()).size() < 2) {
        throw ApiException.conflict("The contact has no other identity: splitting would leave it without one");
      }
      Instant now = clock.instant();
      String phone = identity.kind() == IdentityKind.PHONE && identity.handle().startsWith("+") ? identity.handle()
          : null;
      String email = identity.kind() == IdentityKind.EMAIL ? identity.handle() : null;
      Contact created = new Contact(UUID.randomUUID().toString(), contact.tenantId(), null, phone, email, now, user,
          null);
      contacts.insert(created);
      identities.moveTo(identity, created.id());
      List<String> messages = new ArrayList<>();
      List<String> conversationIds = new ArrayList<>();
      for (Map<String, Object> m : jdbc.sql("""
          SELECT id, channel, sender, conversation_id FROM message
          WHERE contact_id = :c AND tenant_id = :t AND direction = 'INBOUND'
          """).param("c", contact.id()).param("t", contact.tenantId()).query().listOfRows()) {
        Channel channel = Channel.valueOf((String) m.get("channel"));
        if (IdentityKind.of(channel) != identity.kind()) {
          continue;
        }
        String id = (String) m.get("id");
        String sender = cipher.decrypt(new FieldRef("message", id, "sender", contact.tenantId()),
            (String) m.get("sender"));
        if (sender != null && handles.of(channel, sender).value().equals(identity.handle())) {
          messages.add(id);
          if (m.get("conversation_id") != null && !conversationIds.contains(m.get("conversation_id"))) {
            conversationIds.add((String) m.get("conversation_id"));
          }
        }
      }
      if (!messages.isEmpty()) {
        jdbc.sql("UPDATE message SET contact_id = :to WHERE id IN (:ids)").param("to", created.id())
            .param("ids", messages).update();
      }
      int conversationsMoved = 0;
      for (String conversationId : conversationIds) {
        // Only a conversation none of whose inbound messages stayed with the contact leaves with the identity.
        long remaining = jdbc.sql("SELECT COUNT(*) FROM message WHERE conversation_id = :id AND contact_id = :c "
                + "AND direction = 'INBOUND'").param("id", conversationId).param("c", contact.id())
            .query(Long.class).single();
        if (remaining == 0) {
          conversationsMoved += jdbc.sql("UPDATE conversation SET contact_id = :to WHERE id = :id")
              .param("to", created.id()).param("id", conversationId).update();
        }
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("identityId", identity.id());
      details.put("kind", identity.kind().name());
      details.put("newContactId", created.id());
      details.put("messagesMoved", messages.size());
      details.put("conversationsMoved", conversationsMoved);
      audit.success(AuditActions.CONTACT_SPLIT, contact.tenantId(), "contact", contact.id(), details);
      outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACT_CREATED, contact.tenantId(),
          ContactEvents.AGGREGATE, created.id(), now, Map.of("contactId", created.id())));
      outbox.append(new DomainEvent(UUID.randomUUID().toString(), EventTypes.CONTACT_SPLIT, contact.tenantId(),
          ContactEvents.AGGREGATE, contact.id(), now, Map.of("contactId", contact.id(), "newContactId", created.id(),
          "identityId", identity.id())));
      return new SplitResult(contact.id(), created.id(), identity.id(), messages.size(), conversationsMoved);
    });
  }

  private Contact lockSource(String sourceContactId, Contact target) {
    try {
      Contact source = access.requireForUpdate(sourceContactId);
      if (!source.tenantId().equals(target.tenantId())) {
        throw ApiException.notFound("Contact", sourceContactId);
      }
      return source;
    } catch (ApiException e) {
      // A missing or foreign source is a field at fault in the request, not the addressed resource.
      throw ApiException.invalid("sourceContactId", "is not a contact of this organisation");
    }
  }
}
