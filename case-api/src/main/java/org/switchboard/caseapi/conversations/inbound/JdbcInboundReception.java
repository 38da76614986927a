package org.switchboard.caseapi.conversations.inbound;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.InboundReception;
import org.switchboard.caseapi.conversations.accounts.JdbcChannelAccounts;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Stores an inbound message and nothing else: one INSERT (plus one per attachment, in the same transaction), state
 * RECEIVED, content encrypted under the tenant's inbound key. A text message is inserted outside any transaction,
 * so the data key is read without a row lock and concurrent webhooks never queue behind each other. The unique
 * key (channel, provider_message_id) turns redeliveries, also concurrent ones, into {@code duplicate = true}.
 * {@link InboundProcessor} does the rest.
 */
@Component
public class JdbcInboundReception implements InboundReception {

  /** Longest provider id stored as is; longer ones (rare email Message-IDs) are stored as their SHA-256. */
  static final int MAX_PROVIDER_ID = 500;

  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final JdbcChannelAccounts accounts;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public JdbcInboundReception(JdbcClient jdbc, MessageCipher cipher, JdbcChannelAccounts accounts,
      TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.accounts = accounts;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public Acceptance accept(InboundMessage m) {
    ChannelAccount account = accounts.byId(m.accountId())
        .or(() -> accounts.anyById(m.accountId()).map(s -> s.account()))
        .orElseThrow(() -> new IllegalArgumentException("Unknown channel account " + m.accountId()));
    Channel channel = m.channel() == null ? account.channel() : m.channel();
    String id = UUID.randomUUID().toString();
    String providerId = providerId(m.providerMessageId(), id);
    String tenantId = account.tenantId();
    Instant now = clock.instant();
    Runnable insert = () -> {
      jdbc.sql("""
          INSERT INTO message (id, tenant_id, channel, direction, account_id, provider_message_id, sender, sender_name,
            subject, body, in_reply_to, thread_refs, raw_payload, state, attempts, next_attempt_at, created_at,
            updated_at)
          VALUES (:id, :t, :channel, 'INBOUND', :account, :pid, :sender, :senderName, :subject, :body, :inReplyTo,
            :refs, :raw, 'RECEIVED', 0, :now, :received, :now)
          """)
          .param("id", id).param("t", tenantId).param("channel", channel.name()).param("account", account.id())
          .param("pid", providerId)
          .param("sender", seal(id, "sender", tenantId, m.from()))
          .param("senderName", seal(id, "sender_name", tenantId, blankToNull(m.senderName())))
          .param("subject", seal(id, "subject", tenantId, m.subject()))
          .param("body", seal(id, "body", tenantId, m.body()))
          .param("inReplyTo", truncate(blankToNull(m.inReplyTo()), 998))
          .param("refs", m.references().isEmpty() ? null : String.join(" ", m.references()))
          .param("raw", seal(id, "raw_payload", tenantId, m.rawPayload()))
          .param("now", ts(now)).param("received", ts(m.receivedAt() == null ? now : m.receivedAt()))
          .update();
      for (InboundMessage.Media media : m.media()) {
        String attachmentId = UUID.randomUUID().toString();
        jdbc.sql("""
            INSERT INTO message_attachment (id, message_id, tenant_id, media_url, content_type, file_name, state,
              created_at)
            VALUES (:id, :message, :t, :url, :type, :name, 'PENDING', :now)
            """)
            .param("id", attachmentId).param("message", id).param("t", tenantId)
            .param("url", cipher.sealInbound(MessageCipher.ATTACHMENT, attachmentId, "media_url", tenantId,
                source(media)))
            .param("type", truncate(media.contentType(), 200)).param("name", truncate(media.fileName(), 500))
            .param("now", ts(now))
            .update();
      }
    };
    try {
      if (m.media().isEmpty()) {
        insert.run();
      } else {
        transaction.executeWithoutResult(s -> insert.run());
      }
      return new Acceptance(id, false);
    } catch (DuplicateKeyException concurrentDelivery) {
      // The same message arrived on another request at the same moment; that one's row is committed now.
      return new Acceptance(find(channel, providerId).orElseThrow(() -> concurrentDelivery), true);
    }
  }

  private Optional<String> find(Channel channel, String providerId) {
    return jdbc.sql("SELECT id FROM message WHERE channel = :c AND provider_message_id = :p")
        .param("c", channel.name()).param("p", providerId).query(String.class).optional();
  }

  private String seal(String id, String field, String tenantId, String value) {
    return cipher.sealInbound(MessageCipher.MESSAGE, id, field, tenantId, value);
  }

  /** A URL to fetch, or the content in hand as a data URL (so both wait in the same column until stored). */
  static String source(InboundMessage.Media media) {
    if (media.content() != null) {
      String type = media.contentType() == null ? "application/octet-stream" : media.contentType();
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(media.content());
    }
    if (media.url() == null || media.url().isBlank()) {
      throw new IllegalArgumentException("An attachment needs a URL or its content");
    }
    return media.url();
  }

  static String providerId(String providerMessageId, String messageId) {
    if (providerMessageId == null || providerMessageId.isBlank()) {
      return "switchboard:" + messageId;
    }
    String id = providerMessageId.strip();
    if (id.length() <= MAX_PROVIDER_ID) {
      return id;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
