package org.switchboard.caseapi.conversations.outbound;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;
import static org.switchboard.caseapi.shared.JsonStringLists.fromJson;
import static org.switchboard.caseapi.shared.JsonStringLists.toJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.conversations.store.MessageCipher;
import org.switchboard.workers.channels.Channel;

/**
 * Outbound rows of {@code message}: the send ledger. Recipient, subject, body and template parameters are sealed
 * under the case's data key ({@link MessageCipher}); the sender column holds the agent's user id in clear.
 */
@Repository
public class OutboundMessageStore {

  private final JdbcClient jdbc;
  private final MessageCipher cipher;

  public OutboundMessageStore(JdbcClient jdbc, MessageCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** A message to store, in clear; {@link #insert} seals it. */
  public record NewMessage(String id, String tenantId, Channel channel, String accountId, String conversationId,
      String caseId, String contactId, String createdBy, String recipient, String subject, String body,
      String templateName, List<String> templateParams, String inReplyTo, String threadRefs, String idempotencyKey,
      String requestHash, String preferencesOverriddenBy, Instant at) {
  }

  /** A stored outbound message, decrypted. */
  public record Stored(String id, String tenantId, Channel channel, String accountId, String conversationId,
      String caseId, String contactId, String createdBy, String recipient, String subject, String body,
      String templateName, List<String> templateParams, String inReplyTo, String threadRefs,
      String providerMessageId, String state, String errorCode, String errorReason, int attempts,
      String claimedByJob, Instant claimedAt, String requestHash, String preferencesOverriddenBy, Instant createdAt,
      Instant updatedAt, Instant sentAt, Instant deliveredAt, Instant readAt) {
  }

  public record Attachment(String id, String messageId, String documentId, String contentType, String fileName) {
  }

  public void insert(NewMessage m) {
    jdbc.sql("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, conversation_id, case_id, contact_id,
          sender, recipient, subject, body, template_name, template_params, in_reply_to, thread_refs, state,
          attempts, created_by, created_at, updated_at, idempotency_key, request_hash, preferences_overridden_by)
        VALUES (:id, :t, :channel, 'OUTBOUND', :account, :conversation, :case, :contact, :sender, :recipient,
          :subject, :body, :template, :params, :inReplyTo, :refs, 'QUEUED', 0, :by, :at, :at, :key, :hash, :override)
        """)
        .param("id", m.id()).param("t", m.tenantId()).param("channel", m.channel().name())
        .param("account", m.accountId()).param("conversation", m.conversationId()).param("case", m.caseId())
        .param("contact", m.contactId()).param("sender", m.createdBy())
        .param("recipient", seal(m, "recipient", m.recipient()))
        .param("subject", seal(m, "subject", m.subject()))
        .param("body", seal(m, "body", m.body()))
        .param("template", m.templateName())
        .param("params", m.templateParams() == null ? null
            : seal(m, "template_params", toJson(m.templateParams())))
        .param("inReplyTo", m.inReplyTo()).param("refs", m.threadRefs())
        .param("by", m.createdBy()).param("at", ts(m.at())).param("key", m.idempotencyKey())
        .param("hash", m.requestHash()).param("override", m.preferencesOverriddenBy())
        .update();
  }

  public void insertAttachment(String messageId, String tenantId, String documentId, String contentType,
      String fileName, Instant at) {
    jdbc.sql("""
        INSERT INTO message_attachment (id, message_id, tenant_id, document_id, content_type, file_name, state,
          created_at)
        VALUES (:id, :m, :t, :d, :ct, :fn, 'STORED', :at)
        """).param("id", UUID.randomUUID().toString()).param("m", messageId).param("t", tenantId)
        .param("d", documentId).param("ct", contentType).param("fn", fileName).param("at", ts(at)).update();
  }

  public List<Attachment> attachments(String messageId) {
    return jdbc.sql("SELECT * FROM message_attachment WHERE message_id = :m ORDER BY created_at, id")
        .param("m", messageId)
        .query((rs, n) -> new Attachment(rs.getString("id"), rs.getString("message_id"), rs.getString("document_id"),
            rs.getString("content_type"), rs.getString("file_name")))
        .list();
  }

  public Optional<Stored> find(String id) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id AND direction = 'OUTBOUND'").param("id", id)
        .query(this::map).optional();
  }

  public Optional<Stored> findForUpdate(String id) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id AND direction = 'OUTBOUND' FOR UPDATE").param("id", id)
        .query(this::map).optional();
  }

  public Optional<String> findByIdempotencyKey(String tenantId, String user, String key) {
    return jdbc.sql("""
        SELECT id FROM message WHERE tenant_id = :t AND created_by = :u AND idempotency_key = :k
        """).param("t", tenantId).param("u", user).param("k", key).query(String.class).optional();
  }

  /** QUEUED → SENDING for this job; false when the message was not QUEUED. */
  public boolean claim(String id, String jobId, Instant now) {
    return jdbc.sql("""
        UPDATE message SET state = 'SENDING', claimed_by_job = :job, claimed_at = :now, attempts = attempts + 1,
          updated_at = :now
        WHERE id = :id AND direction = 'OUTBOUND' AND state = 'QUEUED'
        """).param("id", id).param("job", jobId).param("now", ts(now)).update() == 1;
  }

  /** SENDING → IN_DOUBT: a claim that was never confirmed or released. */
  public boolean markInDoubt(String id, Instant now) {
    return jdbc.sql("""
        UPDATE message SET state = 'IN_DOUBT', error_code = 'SEND_IN_DOUBT',
          error_reason = 'Claimed for sending and never confirmed: it may have reached the provider', updated_at = :now
        WHERE id = :id AND state = 'SENDING'
        """).param("id", id).param("now", ts(now)).update() == 1;
  }

  /**
   * The provider took the message. The state moves to SENT only from a state before it: a delivery callback may
   * already have moved the message further (it then only gains its provider id).
   */
  public boolean sent(String id, String providerMessageId, Instant now) {
    return jdbc.sql("""
        UPDATE message SET provider_message_id = COALESCE(provider_message_id, :p),
          state = CASE WHEN state IN ('QUEUED', 'SENDING', 'IN_DOUBT') THEN 'SENT' ELSE state END,
          sent_at = COALESCE(sent_at, :now), claimed_by_job = NULL, error_code = CASE WHEN state = 'IN_DOUBT'
            THEN NULL ELSE error_code END, error_reason = CASE WHEN state = 'IN_DOUBT' THEN NULL ELSE error_reason END,
          updated_at = :now
        WHERE id = :id AND direction = 'OUTBOUND' AND state NOT IN ('REFUSED')
        """).param("id", id).param("p", providerMessageId).param("now", ts(now)).update() == 1;
  }

  /** A business refusal, final; a message the provider already took is left alone. */
  public boolean refused(String id, String code, String reason, Instant now) {
    return jdbc.sql("""
        UPDATE message SET state = 'REFUSED', error_code = :code, error_reason = :reason, claimed_by_job = NULL,
          updated_at = :now
        WHERE id = :id AND direction = 'OUTBOUND' AND state IN ('QUEUED', 'SENDING', 'IN_DOUBT')
        """).param("id", id).param("code", code).param("reason", truncate(reason)).param("now", ts(now))
        .update() == 1;
  }

  /** A technical failure before the provider took it: released for the next attempt. */
  public boolean released(String id, String reason, Instant now) {
    return jdbc.sql("""
        UPDATE message SET state = 'QUEUED', claimed_by_job = NULL, claimed_at = NULL, error_reason = :reason,
          updated_at = :now
        WHERE id = :id AND direction = 'OUTBOUND' AND state = 'SENDING'
        """).param("id", id).param("reason", truncate(reason)).param("now", ts(now)).update() == 1;
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
  }

  private String seal(NewMessage m, String field, String value) {
    return cipher.sealForCase(MessageCipher.MESSAGE, m.id(), field, m.tenantId(), m.caseId(), value);
  }

  private Stored map(ResultSet rs, int n) throws SQLException {
    String id = rs.getString("id");
    String tenantId = rs.getString("tenant_id");
    String params = cipher.open(MessageCipher.MESSAGE, id, "template_params", tenantId, rs.getString("template_params"));
    return new Stored(id, tenantId, Channel.valueOf(rs.getString("channel")), rs.getString("account_id"),
        rs.getString("conversation_id"), rs.getString("case_id"), rs.getString("contact_id"),
        rs.getString("created_by"),
        cipher.open(MessageCipher.MESSAGE, id, "recipient", tenantId, rs.getString("recipient")),
        cipher.open(MessageCipher.MESSAGE, id, "subject", tenantId, rs.getString("subject")),
        cipher.open(MessageCipher.MESSAGE, id, "body", tenantId, rs.getString("body")),
        rs.getString("template_name"), fromJson(params), rs.getString("in_reply_to"),
        rs.getString("thread_refs"), rs.getString("provider_message_id"), rs.getString("state"),
        rs.getString("error_code"), rs.getString("error_reason"), rs.getInt("attempts"),
        rs.getString("claimed_by_job"), instant(rs, "claimed_at"), rs.getString("request_hash"),
        rs.getString("preferences_overridden_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
        instant(rs, "sent_at"), instant(rs, "delivered_at"), instant(rs, "read_at"));
  }
}
