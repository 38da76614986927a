package org.switchboard.caseapi.webchat;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code webchat_session}. */
@Repository
public class WebChatSessionRepository {

  private final JdbcClient jdbc;

  public WebChatSessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(WebChatSession s) {
    jdbc.sql("""
        INSERT INTO webchat_session (id, tenant_id, account_id, token_hash, contact_id, prechat, consent_at,
          created_at, last_seen_at, ended_at, end_reason)
        VALUES (:id, :t, :a, :h, :c, :p, :consent, :created, :seen, NULL, NULL)
        """)
        .param("id", s.id()).param("t", s.tenantId()).param("a", s.accountId()).param("h", s.tokenHash())
        .param("c", s.contactId()).param("p", s.prechat()).param("consent", ts(s.consentAt()))
        .param("created", ts(s.createdAt())).param("seen", ts(s.lastSeenAt()))
        .update();
  }

  public Optional<WebChatSession> findById(String id) {
    return jdbc.sql("SELECT * FROM webchat_session WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public Optional<WebChatSession> findByTokenHash(String hash) {
    return jdbc.sql("SELECT * FROM webchat_session WHERE token_hash = :h").param("h", hash)
        .query(this::map).optional();
  }

  public void touch(String id, Instant at) {
    jdbc.sql("UPDATE webchat_session SET last_seen_at = :at WHERE id = :id AND ended_at IS NULL")
        .param("at", ts(at)).param("id", id).update();
  }

  /** Ends the session once; the pre-chat answers go with it. @return false when it had already ended */
  public boolean end(String id, String reason, Instant at) {
    return jdbc.sql("""
        UPDATE webchat_session SET ended_at = :at, end_reason = :reason, prechat = NULL
        WHERE id = :id AND ended_at IS NULL
        """).param("at", ts(at)).param("reason", reason).param("id", id).update() == 1;
  }

  /** Open sessions idle since before {@code idleBefore} or started before {@code startedBefore}. */
  public List<String> overdue(Instant idleBefore, Instant startedBefore, int limit) {
    return jdbc.sql("""
        SELECT id FROM webchat_session
        WHERE ended_at IS NULL AND (last_seen_at < :idle OR created_at < :started)
        ORDER BY last_seen_at FETCH FIRST :limit ROWS ONLY
        """).param("idle", ts(idleBefore)).param("started", ts(startedBefore)).param("limit", limit)
        .query(String.class).list();
  }

  /**
   * Copies the contact that inbound processing resolved for this session's messages (the session id is their
   * sender handle and the prefix of their provider message ids).
   */
  public void linkContact(String id) {
    jdbc.sql("""
        UPDATE webchat_session SET contact_id = (
          SELECT m.contact_id FROM message m
          WHERE m.channel = 'WEBCHAT' AND m.direction = 'INBOUND' AND m.provider_message_id LIKE :prefix
            AND m.contact_id IS NOT NULL
          FETCH FIRST 1 ROWS ONLY)
        WHERE id = :id AND contact_id IS NULL
        """).param("prefix", id + ":%").param("id", id).update();
  }

  private WebChatSession map(ResultSet rs, int n) throws SQLException {
    return new WebChatSession(rs.getString("id"), rs.getString("tenant_id"), rs.getString("account_id"),
        rs.getString("token_hash"), rs.getString("contact_id"), rs.getString("prechat"),
        instant(rs, "consent_at"), instant(rs, "created_at"), instant(rs, "last_seen_at"),
        instant(rs, "ended_at"), rs.getString("end_reason"));
  }
}
