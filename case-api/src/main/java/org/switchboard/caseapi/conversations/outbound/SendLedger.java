package org.switchboard.caseapi.conversations.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.documents.Document;
import org.switchboard.caseapi.documents.DocumentContentStore;
import org.switchboard.caseapi.documents.DocumentRepository;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;

/**
 * The send ledger on the {@code message} table. A claim is a conditional UPDATE QUEUED → SENDING, so of two jobs
 * claiming one message exactly one gets it. A message found SENDING was claimed by an attempt that never reported
 * back: it may have reached the provider, so it becomes IN_DOUBT and is never sent again by a worker. The rules
 * are checked again at claim time: preferences and the window may have changed since the send was requested.
 */
@Component
public class SendLedger implements OutboundMessages {

  /** Providers that fetch media by URL rather than taking it in the request. */
  private static final Set<String> URL_MEDIA_PROVIDERS = Set.of("twilio", "meta");

  private final OutboundMessageStore store;
  private final CaseRepository cases;
  private final ChannelAccounts accounts;
  private final SendRules rules;
  private final DocumentRepository documents;
  private final DocumentContentStore content;
  private final MediaLinks mediaLinks;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public SendLedger(OutboundMessageStore store, CaseRepository cases, ChannelAccounts accounts, SendRules rules,
      DocumentRepository documents, DocumentContentStore content, MediaLinks mediaLinks, Outbox outbox,
      TransactionTemplate transaction, Clock clock) {
    this.store = store;
    this.cases = cases;
    this.accounts = accounts;
    this.rules = rules;
    this.documents = documents;
    this.content = content;
    this.mediaLinks = mediaLinks;
    this.outbox = outbox;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public Claim claim(String messageId, String jobId) {
    return transaction.execute(status -> {
      Instant now = clock.instant();
      if (!store.claim(messageId, jobId, now)) {
        return existing(messageId, now);
      }
      OutboundMessageStore.Stored m = store.find(messageId).orElseThrow();
      Optional<ChannelAccount> account = accounts.byId(m.accountId())
          .filter(a -> a.tenantId().equals(m.tenantId()) && a.channel() == m.channel());
      Optional<SendRefusal> refusal = account.isEmpty()
          ? Optional.of(new SendRefusal(RefusalCodes.CHANNEL_NOT_CONFIGURED, "The " + m.channel()
              + " account the message was to leave from is no longer configured"))
          : recheck(m);
      if (refusal.isPresent()) {
        store.refused(m.id(), refusal.get().code(), refusal.get().reason(), now);
        return new Claim.Refused(refusal.get().code(), refusal.get().reason());
      }
      return new Claim.Ready(toOutbound(m, account.get()));
    });
  }

  private Claim existing(String messageId, Instant now) {
    OutboundMessageStore.Stored m = store.findForUpdate(messageId)
        .orElseThrow(() -> new IllegalArgumentException("No outbound message " + messageId));
    return switch (m.state()) {
      case "SENT", "DELIVERED", "READ" -> new Claim.AlreadySent(m.providerMessageId());
      case "FAILED" -> m.providerMessageId() != null ? new Claim.AlreadySent(m.providerMessageId())
          : new Claim.Refused(RefusalCodes.INVALID_RECIPIENT, m.errorReason());
      case "REFUSED" -> new Claim.Refused(m.errorCode(), m.errorReason());
      case "SENDING" -> {
        store.markInDoubt(m.id(), now);
        yield new Claim.InDoubt(String.valueOf(m.claimedAt()));
      }
      case "IN_DOUBT" -> new Claim.InDoubt(String.valueOf(m.claimedAt()));
      // QUEUED again: released by a failed attempt between our UPDATE and this read; the next attempt claims it.
      default -> throw new IllegalStateException("Outbound message " + messageId + " is " + m.state()
          + "; claim it again");
    };
  }

  private Optional<SendRefusal> recheck(OutboundMessageStore.Stored m) {
    CaseRecord c = cases.findById(m.caseId()).orElseThrow();
    Optional<SendRefusal> preferences = rules.checkPreferences(m.contactId(), m.tenantId(), m.channel(),
        m.preferencesOverriddenBy() != null, rules.hardRule(c));
    if (preferences.isPresent()) {
      return preferences;
    }
    if (SendRules.windowBound(m.channel())) {
      return rules.checkWindow(m.channel(), rules.lastInbound(m.accountId(), m.caseId(), m.contactId()),
          m.templateName() != null);
    }
    return Optional.empty();
  }

  private OutboundMessage toOutbound(OutboundMessageStore.Stored m, ChannelAccount account) {
    List<OutboundMessage.Attachment> attachments = new ArrayList<>();
    for (OutboundMessageStore.Attachment a : store.attachments(m.id())) {
      Document d = documents.find(m.caseId(), a.documentId()).orElseThrow(() -> new IllegalStateException(
          "Document " + a.documentId() + " of message " + m.id() + " is no longer on its case"));
      Document.DocumentVersion version = d.current();
      byte[] bytes;
      try (InputStream in = content.get(m.tenantId(), version)) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String url = URL_MEDIA_PROVIDERS.contains(account.provider())
          ? mediaLinks.url(m.tenantId(), m.id(), d.id()) : null;
      attachments.add(new OutboundMessage.Attachment(d.id(), version.fileName(), version.contentType(), bytes, url));
    }
    List<String> references = m.threadRefs() == null || m.threadRefs().isBlank() ? List.of()
        : Arrays.asList(m.threadRefs().trim().split("\\s+"));
    return new OutboundMessage(m.id(), m.tenantId(), m.caseId(), m.channel(), account, m.recipient(), m.subject(),
        m.body(), m.templateName(), m.templateParams(), m.inReplyTo(), references, attachments, Map.of());
  }

  @Override
  public void sent(String messageId, SendReceipt receipt) {
    transaction.executeWithoutResult(status -> {
      Instant now = clock.instant();
      OutboundMessageStore.Stored m = store.findForUpdate(messageId)
          .orElseThrow(() -> new IllegalArgumentException("No outbound message " + messageId));
      if (store.sent(messageId, receipt.providerMessageId(), now) && m.sentAt() == null) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", m.id());
        payload.put("channel", m.channel().name());
        outbox.append(DomainEvent.ofCase(EventTypes.OUTBOUND_MESSAGE_SENT, m.tenantId(), m.caseId(), now,
            payload));
      }
    });
  }

  @Override
  public void refused(String messageId, String code, String reason) {
    transaction.executeWithoutResult(status -> store.refused(messageId, code, reason, clock.instant()));
  }

  @Override
  public void failed(String messageId, String reason) {
    transaction.executeWithoutResult(status -> store.released(messageId, reason, clock.instant()));
  }
}
