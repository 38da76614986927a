package org.switchboard.caseapi.conversations.store;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.workers.channels.Channel;

/**
 * Conversations: one per channel account, contact and case. Callers hold the contact's row lock while they find or
 * create one, so concurrent messages of one contact never open two.
 */
@Repository
public class ConversationRepository {

  private final JdbcClient jdbc;

  public ConversationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Conversation(String id, String tenantId, Channel channel, String accountId, String contactId,
      String caseId, String status, String lastMessageId, Instant lastMessageAt, Instant lastInboundAt,
      int unreadCount) {
  }

  public String findOrCreate(String tenantId, Channel channel, String accountId, String contactId, String caseId,
      Instant now) {
    Optional<String> existing = jdbc.sql("""
        SELECT id FROM conversation WHERE account_id = :a AND contact_id = :c AND case_id = :case
        ORDER BY created_at LIMIT 1
        """).param("a", accountId).param("c", contactId).param("case", caseId).query(String.class).optional();
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        INSERT INTO conversation (id, tenant_id, channel, account_id, contact_id, case_id, status, unread_count,
          created_at, updated_at)
        VALUES (:id, :t, :channel, :a, :c, :case, 'OPEN', 0, :now, :now)
        """).param("id", id).param("t", tenantId).param("channel", channel.name()).param("a", accountId)
        .param("c", contactId).param("case", caseId).param("now", ts(now)).update();
    return id;
  }

  /** A message joined the conversation; only a newer one becomes its last message. */
  public void messageAdded(String conversationId, String messageId, Instant messageAt, boolean inbound, Instant now) {
    jdbc.sql("""
        UPDATE conversation SET
          last_message_id = CASE WHEN last_message_at IS NULL OR last_message_at <= :at THEN :m ELSE last_message_id END,
          last_message_at = CASE WHEN last_message_at IS NULL OR last_message_at <= :at THEN :at ELSE last_message_at END,
          last_inbound_at = CASE WHEN :inbound AND (last_inbound_at IS NULL OR last_inbound_at < :at) THEN :at
                            ELSE last_inbound_at END,
          unread_count = unread_count + CASE WHEN :inbound THEN 1 ELSE 0 END,
          updated_at = :now
        WHERE id = :id
        """).param("id", conversationId).param("m", messageId).param("at", ts(messageAt)).param("inbound", inbound)
        .param("now", ts(now)).update();
  }

  public Optional<Conversation> findById(String id) {
    return jdbc.sql("SELECT * FROM conversation WHERE id = :id").param("id", id)
        .query((rs, n) -> new Conversation(rs.getString("id"), rs.getString("tenant_id"),
            Channel.valueOf(rs.getString("channel")), rs.getString("account_id"), rs.getString("contact_id"),
            rs.getString("case_id"), rs.getString("status"), rs.getString("last_message_id"),
            instant(rs, "last_message_at"), instant(rs, "last_inbound_at"), rs.getInt("unread_count")))
        .optional();
  }

  public int markRead(String id, Instant now) {
    return jdbc.sql("UPDATE conversation SET unread_count = 0, updated_at = :now WHERE id = :id AND unread_count > 0")
        .param("id", id).param("now", ts(now)).update();
  }
}
