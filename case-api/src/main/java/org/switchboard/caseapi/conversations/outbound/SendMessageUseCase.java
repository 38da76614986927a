package org.switchboard.caseapi.conversations.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseChangeLog;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.contacts.Contact;
import org.switchboard.caseapi.contacts.ContactHandles;
import org.switchboard.caseapi.contacts.ContactIdentity;
import org.switchboard.caseapi.contacts.ContactIdentityRepository;
import org.switchboard.caseapi.contacts.ContactRepository;
import org.switchboard.caseapi.contacts.IdentityKind;
import org.switchboard.caseapi.conversations.OutboundDispatch;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponse;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponseRepository;
import org.switchboard.caseapi.conversations.outbound.templates.MessageTemplate;
import org.switchboard.caseapi.conversations.outbound.templates.MessageTemplateRepository;
import org.switchboard.caseapi.conversations.outbound.templates.TemplateText;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.documents.Document;
import org.switchboard.caseapi.documents.DocumentRepository;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.caseapi.web.ApiException;
import org.switchboard.caseapi.web.ApiException.FieldError;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.RefusalCodes;

/**
 * An agent's send: validated completely before anything is written, checked against the case (visibility), the
 * contact's preferences, the channel account and the 24-hour window, then stored QUEUED (sealed under the case's
 * key) and handed to the engine in one transaction. An {@code Idempotency-Key} makes a repeated request answer
 * with the message the first one made.
 */
@Component
public class SendMessageUseCase {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
  private static final Map<Channel, Integer> MAX_LENGTH = Map.of(Channel.SMS, 1600, Channel.WHATSAPP, 4096,
      Channel.MESSENGER, 2000, Channel.INSTAGRAM, 1000, Channel.WEBCHAT, 4096, Channel.EMAIL, 100_000);

  private final CaseAccess caseAccess;
  private final ContactRepository contacts;
  private final ContactIdentityRepository identities;
  private final ContactHandles handles;
  private final MessageTemplateRepository templates;
  private final CannedResponseRepository canned;
  private final DocumentRepository documents;
  private final ChannelAccounts accounts;
  private final ConversationRepository conversations;
  private final OutboundMessageStore store;
  private final SendRules rules;
  private final OutboundDispatch dispatch;
  private final CaseChangeLog changeLog;
  private final Outbox outbox;
  private final AuditRecorder audit;
  private final TransactionTemplate transaction;
  private final ObjectMapper canonical;
  private final Clock clock;

  public SendMessageUseCase(CaseAccess caseAccess, ContactRepository contacts, ContactIdentityRepository identities,
      ContactHandles handles, MessageTemplateRepository templates, CannedResponseRepository canned,
      DocumentRepository documents, ChannelAccounts accounts, ConversationRepository conversations,
      OutboundMessageStore store, SendRules rules, OutboundDispatch dispatch, CaseChangeLog changeLog, Outbox outbox,
      AuditRecorder audit, TransactionTemplate transaction, ObjectMapper mapper, Clock clock) {
    this.caseAccess = caseAccess;
    this.contacts = contacts;
    this.identities = identities;
    this.handles = handles;
    this.templates = templates;
    this.canned = canned;
    this.documents = documents;
    this.accounts = accounts;
    this.conversations = conversations;
    this.store = store;
    this.rules = rules;
    this.dispatch = dispatch;
    this.changeLog = changeLog;
    this.outbox = outbox;
    this.audit = audit;
    this.transaction = transaction;
    this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    this.clock = clock;
  }

  /** @param endpointChannel the endpoint's channel; MESSENGER for the Messenger endpoint (request may say INSTAGRAM) */
  public Accepted send(Channel endpointChannel, SendRequest request, String idempotencyKey) {
    CurrentUser user = CurrentUser.get();
    String hash = hash(endpointChannel, request);
    try {
      return transaction.execute(status -> sendInTransaction(endpointChannel, request, idempotencyKey, hash, user));
    } catch (DuplicateKeyException e) {
      // The same key raced in from a concurrent request: answer with the message that won.
      return transaction.execute(status -> replay(caseAccess.require(request.caseId()), idempotencyKey, hash, user)
          .orElseThrow(() -> e));
    } catch (SendRefusal refusal) {
      // Outside the rolled-back transaction, so the refusal is on record although nothing was stored.
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("code", refusal.code());
      details.put("channel", endpointChannel.name());
      details.put("caseId", request.caseId());
      audit.record(OutboundAuditActions.MESSAGE_SEND_REFUSED, null, caseAccess.require(request.caseId()).tenantId(),
          "case", request.caseId(), Outcome.DENIED, details);
      throw refusal;
    }
  }

  /** @param replayed true when an earlier request with the same Idempotency-Key made this message */
  public record Accepted(MessageView message, boolean replayed) {
  }

  private Accepted sendInTransaction(Channel endpointChannel, SendRequest request, String idempotencyKey, String hash,
      CurrentUser user) {
    Channel shaped = checkShape(endpointChannel, request);
    CaseRecord c = caseAccess.requireForChange(request.caseId());
    Channel channel = endpointChannel == Channel.MESSENGER && request.channel() == null
        ? metaChannel(c, request.accountId()) : shaped;
    if (idempotencyKey != null) {
      Optional<Accepted> earlier = replay(c, idempotencyKey, hash, user);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }

    // Everything that can be wrong with the request itself, named by field, before any business check.
    List<FieldError> errors = new ArrayList<>();
    MessageTemplate template = null;
    String text = request.text();
    if (request.templateId() != null) {
      template = templates.find(request.templateId())
          .filter(t -> t.tenantId().equals(c.tenantId()) && t.channel() == channel).orElse(null);
      if (template == null) {
        errors.add(new FieldError("templateId", "is not a " + channel + " template of the case's organisation"));
      } else {
        text = rendered(template.body(), request.variables(), errors);
      }
    } else if (request.cannedResponseId() != null) {
      CannedResponse response = canned.find(request.cannedResponseId())
          .filter(r -> r.tenantId().equals(c.tenantId())).orElse(null);
      if (response == null) {
        errors.add(new FieldError("cannedResponseId", "is not a canned response of the case's organisation"));
      } else {
        text = rendered(response.body(), request.variables(), errors);
      }
    }
    if (text != null && text.length() > MAX_LENGTH.get(channel)) {
      errors.add(new FieldError(request.text() != null ? "text" : "variables", "makes the message longer than "
          + MAX_LENGTH.get(channel) + " characters, the most " + channel + " takes"));
    }
    List<Document> attached = new ArrayList<>();
    List<String> attachmentIds = request.attachments() == null ? List.of() : request.attachments();
    for (int i = 0; i < attachmentIds.size(); i++) {
      Optional<Document> document = documents.find(c.id(), attachmentIds.get(i));
      if (document.isEmpty()) {
        errors.add(new FieldError("attachments[" + i + "]", "is not a document of the case"));
      } else {
        attached.add(document.get());
      }
    }
    Contact recipientContact = null;
    String address = null;
    if (request.recipient().contactId() != null) {
      recipientContact = contacts.findById(request.recipient().contactId())
          .filter(k -> k.tenantId().equals(c.tenantId()) && !k.erased()).orElse(null);
      if (recipientContact == null) {
        errors.add(new FieldError("recipient.contactId", "is not a contact of the case's organisation"));
      }
    } else {
      address = normalisedAddress(channel, request.recipient().address(), errors);
    }
    ChannelAccount account = null;
    if (request.accountId() != null) {
      account = accounts.byId(request.accountId())
          .filter(a -> a.tenantId().equals(c.tenantId()) && a.channel() == channel).orElse(null);
      if (account == null) {
        errors.add(new FieldError("accountId", "is not a " + channel + " account of the case's organisation"));
      }
    }
    boolean override = Boolean.TRUE.equals(request.overridePreferences());
    if (override && !(user.isAdmin() || user.inGroup(Roles.SUPERVISORS) || user.inGroup(Roles.TENANT_ADMINS))) {
      errors.add(new FieldError("overridePreferences", "only supervisors and administrators may override"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }

    // Business rules: each refusal names its code and reason.
    String contactId = recipientContact != null ? recipientContact.id() : c.contactId();
    if (account == null) {
      account = chooseAccount(c, channel, contactId);
    }
    if (address == null) {
      address = handleOf(recipientContact, channel);
    }
    boolean hardRule = rules.hardRule(c);
    if (override && hardRule) {
      throw new SendRefusal(RefusalCodes.UNSAFE_TO_CONTACT, "Survivor support: the contact's safety preferences "
          + "cannot be overridden");
    }
    Optional<SendRefusal> refusal = rules.checkPreferences(contactId, c.tenantId(), channel, override, hardRule);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
    Optional<Instant> lastInbound = SendRules.windowBound(channel)
        ? rules.lastInbound(account.id(), c.id(), contactId) : Optional.empty();
    boolean useTemplate = channel == Channel.WHATSAPP && template != null && template.approved()
        && !rules.windowOpen(lastInbound);
    Optional<SendRefusal> window = rules.checkWindow(channel, lastInbound, useTemplate);
    if (window.isPresent()) {
      SendRefusal closed = window.get();
      String hint = template != null && channel == Channel.WHATSAPP
          ? " The template '" + template.name() + "' has no provider-approved name." : "";
      throw new SendRefusal(closed.code(), closed.reason() + hint, closed.lastInboundAt());
    }

    Instant now = clock.instant();
    String messageId = UUID.randomUUID().toString();
    String conversationId = contactId == null ? null
        : conversations.findOrCreate(c.tenantId(), channel, account.id(), contactId, c.id(), now);
    List<String> parameters = null;
    if (useTemplate) {
      Map<String, String> values = request.variables() == null ? Map.of() : request.variables();
      parameters = template.parameterOrder().stream().map(values::get).toList();
    }
    Threading threading = channel == Channel.EMAIL ? threading(conversationId) : new Threading(null, null);
    store.insert(new OutboundMessageStore.NewMessage(messageId, c.tenantId(), channel, account.id(), conversationId,
        c.id(), contactId, user.userId(), address, channel == Channel.EMAIL ? request.subject() : null, text,
        useTemplate ? template.providerTemplateName() : null, parameters, threading.inReplyTo(),
        threading.references(), idempotencyKey, hash, override ? user.userId() : null, now));
    for (Document d : attached) {
      store.insertAttachment(messageId, c.tenantId(), d.id(), d.current().contentType(), d.fileName(), now);
    }
    if (conversationId != null) {
      conversations.messageAdded(conversationId, messageId, now, false, now);
    }
    changeLog.record(c, OutboundAuditActions.CHANGE_MESSAGE_QUEUED, now, user.userId(), List.of(),
        channel + " message " + messageId + " queued" + (useTemplate ? " (approved template)" : ""));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messageId", messageId);
    payload.put("channel", channel.name());
    payload.put("mode", useTemplate ? "TEMPLATE" : "SESSION");
    outbox.append(DomainEvent.ofCase(EventTypes.OUTBOUND_MESSAGE_QUEUED, c.tenantId(), c.id(), now, payload));
    if (override) {
      audit.success(OutboundAuditActions.CONTACT_PREFERENCES_OVERRIDDEN, c.tenantId(), "message", messageId,
          Map.of("caseId", c.id(), "channel", channel.name()));
    }
    dispatch.dispatch(c.tenantId(), c.id(), messageId, channel);
    OutboundMessageStore.Stored stored = store.find(messageId).orElseThrow();
    return new Accepted(MessageView.of(stored, store.attachments(messageId)), false);
  }

  private Optional<Accepted> replay(CaseRecord c, String key, String hash, CurrentUser user) {
    return store.findByIdempotencyKey(c.tenantId(), user.userId(), key).map(id -> {
      OutboundMessageStore.Stored earlier = store.find(id).orElseThrow();
      if (!hash.equals(earlier.requestHash())) {
        throw ApiException.conflict("Idempotency-Key " + key + " was used for a different request (message "
            + id + "); use a new key for a new message");
      }
      return new Accepted(MessageView.of(earlier, store.attachments(id)), true);
    });
  }

  /** Checks that need no database: one content source, one recipient, channel-specific fields. */
  private static Channel checkShape(Channel endpointChannel, SendRequest r) {
    List<FieldError> errors = new ArrayList<>();
    int sources = (r.text() != null ? 1 : 0) + (r.templateId() != null ? 1 : 0)
        + (r.cannedResponseId() != null ? 1 : 0);
    if (sources != 1) {
      errors.add(new FieldError("text", "give exactly one of text, templateId and cannedResponseId"));
    } else if (r.text() != null && r.text().isBlank()) {
      errors.add(new FieldError("text", "must not be blank"));
    }
    if (r.variables() != null && !r.variables().isEmpty() && r.text() != null) {
      errors.add(new FieldError("variables", "only go with templateId or cannedResponseId"));
    }
    if ((r.recipient().contactId() == null) == (r.recipient().address() == null)) {
      errors.add(new FieldError("recipient", "give exactly one of contactId and address"));
    }
    Channel channel = endpointChannel;
    if (r.channel() != null) {
      if (endpointChannel != Channel.MESSENGER) {
        errors.add(new FieldError("channel", "is for the Messenger endpoint only (MESSENGER or INSTAGRAM)"));
      } else if (r.channel().equalsIgnoreCase("INSTAGRAM")) {
        channel = Channel.INSTAGRAM;
      } else if (!r.channel().equalsIgnoreCase("MESSENGER")) {
        errors.add(new FieldError("channel", "must be MESSENGER or INSTAGRAM"));
      }
    }
    if (endpointChannel == Channel.EMAIL && (r.subject() == null || r.subject().isBlank())) {
      errors.add(new FieldError("subject", "is required for email"));
    }
    if (endpointChannel != Channel.EMAIL && r.subject() != null) {
      errors.add(new FieldError("subject", "is for email only"));
    }
    if (r.attachments() != null && r.attachments().size() != r.attachments().stream().distinct().count()) {
      errors.add(new FieldError("attachments", "names a document twice"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return channel;
  }

  private static String rendered(String body, Map<String, String> variables, List<FieldError> errors) {
    TemplateText.Rendered r = TemplateText.render(body, variables);
    r.missing().forEach(name -> errors.add(new FieldError("variables." + name, "is required by the text")));
    return r.text();
  }

  private String normalisedAddress(Channel channel, String raw, List<FieldError> errors) {
    String value = raw.strip();
    switch (channel) {
      case SMS, WHATSAPP -> {
        Optional<String> e164 = handles.e164(value, false);
        if (e164.isEmpty() || !value.startsWith("+")) {
          errors.add(new FieldError("recipient.address", "must be a phone number in E.164 form, e.g. +447700900123"));
          return null;
        }
        return e164.get();
      }
      case EMAIL -> {
        if (!EMAIL.matcher(value).matches()) {
          errors.add(new FieldError("recipient.address", "must be an email address"));
          return null;
        }
        return value.toLowerCase(Locale.ROOT);
      }
      default -> {
        if (value.isEmpty()) {
          errors.add(new FieldError("recipient.address", "must not be blank"));
          return null;
        }
        return value;
      }
    }
  }

  /**
   * Messenger or Instagram when the request does not say: the channel of the account it names, else of the case's
   * latest Meta conversation, else Messenger if the tenant has an account for it, else Instagram.
   */
  private Channel metaChannel(CaseRecord c, String accountId) {
    if (accountId != null) {
      Optional<ChannelAccount> named = accounts.byId(accountId).filter(a -> a.tenantId().equals(c.tenantId()));
      if (named.isPresent() && named.get().channel() == Channel.INSTAGRAM) {
        return Channel.INSTAGRAM;
      }
      return Channel.MESSENGER;
    }
    Optional<Channel> latest = rules.latestConversationChannel(c.id(), List.of(Channel.MESSENGER, Channel.INSTAGRAM));
    if (latest.isPresent()) {
      return latest.get();
    }
    List<ChannelAccount> meta = accounts.ofTenant(c.tenantId());
    boolean messenger = meta.stream().anyMatch(a -> a.channel() == Channel.MESSENGER);
    boolean instagram = meta.stream().anyMatch(a -> a.channel() == Channel.INSTAGRAM);
    return !messenger && instagram ? Channel.INSTAGRAM : Channel.MESSENGER;
  }

  /** The account of the case's conversation on the channel, else the tenant's first account for it. */
  private ChannelAccount chooseAccount(CaseRecord c, Channel channel, String contactId) {
    List<ChannelAccount> candidates = accounts.ofTenant(c.tenantId()).stream()
        .filter(a -> a.channel() == channel).sorted(Comparator.comparing(ChannelAccount::id)).toList();
    if (candidates.isEmpty()) {
      throw new SendRefusal(RefusalCodes.CHANNEL_NOT_CONFIGURED, "The organisation has no " + channel
          + " account; an administrator configures one under /api/v1/config/channels");
    }
    if (contactId != null) {
      List<String> used = rules.accountsOfConversations(c.id(), contactId, channel);
      for (String id : used) {
        Optional<ChannelAccount> match = candidates.stream().filter(a -> a.id().equals(id)).findFirst();
        if (match.isPresent()) {
          return match.get();
        }
      }
    }
    return candidates.get(0);
  }

  /** The contact's handle on the channel: the contact record's phone or email, else a known identity. */
  private String handleOf(Contact contact, Channel channel) {
    if (contact == null) {
      throw new SendRefusal(RefusalCodes.INVALID_RECIPIENT, "No recipient: give an address or a contact");
    }
    if ((channel == Channel.SMS || channel == Channel.WHATSAPP) && contact.phoneE164() != null) {
      return contact.phoneE164();
    }
    if (channel == Channel.EMAIL && contact.email() != null) {
      return contact.email().toLowerCase(Locale.ROOT);
    }
    IdentityKind kind = IdentityKind.of(channel);
    return identities.ofContact(contact.id()).stream().filter(i -> i.kind() == kind)
        .reduce((first, second) -> second).map(ContactIdentity::handle)
        .orElseThrow(() -> new SendRefusal(RefusalCodes.INVALID_RECIPIENT, "The contact has no " + channel
            + " address; give one explicitly or wait for the contact to write on " + channel));
  }

  private record Threading(String inReplyTo, String references) {
  }

  /** Email replies thread under the contact's last message in the conversation. */
  private Threading threading(String conversationId) {
    if (conversationId == null) {
      return new Threading(null, null);
    }
    return rules.lastInboundEmail(conversationId)
        .map(m -> new Threading(m.providerMessageId(),
            ((m.references() == null ? "" : m.references() + " ") + m.providerMessageId()).strip()))
        .orElse(new Threading(null, null));
  }

  private String hash(Channel channel, SendRequest request) {
    try {
      Map<String, Object> canonicalRequest = new TreeMap<>();
      canonicalRequest.put("endpoint", channel.name());
      canonicalRequest.put("request", request);
      byte[] json = canonical.writeValueAsBytes(canonicalRequest);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
