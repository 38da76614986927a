package org.switchboard.caseapi.webchat;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.crypto.DataKeys;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.Subject;

/**
 * The session's own copy of its messages ({@code webchat_entry}), so a reconnecting widget shows the conversation
 * and an agent message stored while the visitor was offline reaches them later. Bodies are sealed under the
 * session's data key; ending the session deletes the rows and shreds that key.
 */
@Repository
public class WebChatTranscript {

  static final String TABLE = "webchat_entry";
  static final String SUBJECT_TYPE = "WEBCHAT";
  private static final List<String> STATES = List.of("SENT", "DELIVERED", "READ");

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final DataKeys dataKeys;

  public WebChatTranscript(JdbcClient jdbc, FieldCipher cipher, DataKeys dataKeys) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.dataKeys = dataKeys;
  }

  static Subject subject(String sessionId) {
    return new Subject(SUBJECT_TYPE, sessionId);
  }

  static FieldRef bodyRef(String entryId, String tenantId) {
    return new FieldRef(TABLE, entryId, "body", tenantId);
  }

  /** Stores the entry unless one with its id is there already. @return true when it was new */
  public boolean add(WebChatEntry e) {
    if (find(e.id()).isPresent()) {
      return false;
    }
    try {
      jdbc.sql("""
          INSERT INTO webchat_entry (id, session_id, tenant_id, direction, client_message_id, body, state,
            created_at, pushed_at)
          VALUES (:id, :s, :t, :d, :c, :b, :state, :created, :pushed)
          """)
          .param("id", e.id()).param("s", e.sessionId()).param("t", e.tenantId()).param("d", e.direction())
          .param("c", e.clientMessageId())
          .param("b", cipher.encrypt(bodyRef(e.id(), e.tenantId()), subject(e.sessionId()), e.text()))
          .param("state", e.state()).param("created", ts(e.createdAt())).param("pushed", ts(e.pushedAt()))
          .update();
      return true;
    } catch (DuplicateKeyException concurrent) {
      return false;
    }
  }

  public Optional<WebChatEntry> find(String id) {
    return jdbc.sql("SELECT * FROM webchat_entry WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public List<WebChatEntry> ofSession(String sessionId) {
    return jdbc.sql("SELECT * FROM webchat_entry WHERE session_id = :s ORDER BY created_at, id")
        .param("s", sessionId).query(this::map).list();
  }

  /** Agent messages of these sessions that no socket has shown yet. */
  public List<WebChatEntry> unpushed(Collection<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        SELECT * FROM webchat_entry
        WHERE pushed_at IS NULL AND direction = 'OUTBOUND' AND session_id IN (:s)
        ORDER BY created_at, id
        """).param("s", sessionIds).query(this::map).list();
  }

  /** A visitor message whose delivery moved on: {@code state} is DELIVERED or READ. */
  public record Progress(String id, String sessionId, String state) {
  }

  /**
   * Moves the visitor messages of these sessions forward and returns those that moved: DELIVERED once inbound
   * processing put the message on its case (message state PROCESSED), READ once an agent opened the conversation
   * after that (its unread count is back to zero).
   */
  public List<Progress> advanceVisitorMessages(Collection<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return List.of();
    }
    List<Progress> candidates = jdbc.sql("""
        SELECT e.id, e.session_id,
          CASE WHEN c.unread_count = 0 THEN 'READ' ELSE 'DELIVERED' END AS next_state
        FROM webchat_entry e
        JOIN message m ON m.id = e.id
        LEFT JOIN conversation c ON c.id = m.conversation_id
        WHERE e.direction = 'INBOUND' AND e.state <> 'READ' AND e.session_id IN (:s) AND m.state = 'PROCESSED'
        ORDER BY e.created_at, e.id
        """).param("s", sessionIds)
        .query((rs, n) -> new Progress(rs.getString("id"), rs.getString("session_id"), rs.getString("next_state")))
        .list();
    List<Progress> moved = new java.util.ArrayList<>();
    for (Progress p : candidates) {
      boolean changed = false;
      if ("READ".equals(p.state())) {
        changed = advance(p.id(), "DELIVERED");
      }
      changed |= advance(p.id(), p.state());
      if (changed) {
        moved.add(p);
      }
    }
    return moved;
  }

  public void markPushed(String id, Instant at) {
    jdbc.sql("UPDATE webchat_entry SET pushed_at = :at WHERE id = :id AND pushed_at IS NULL")
        .param("at", ts(at)).param("id", id).update();
  }

  /** Moves the entry's state forward only (SENT, DELIVERED, READ). @return true when it moved */
  public boolean advance(String id, String state) {
    int rank = STATES.indexOf(state);
    if (rank < 1) {
      return false;
    }
    List<String> earlier = STATES.subList(0, rank);
    return jdbc.sql("UPDATE webchat_entry SET state = :state WHERE id = :id AND state IN (:earlier)")
        .param("state", state).param("id", id).param("earlier", earlier).update() == 1;
  }

  /** Deletes the session's copy and shreds its key, so even backups of the rows no longer decrypt. */
  public void forget(String tenantId, String sessionId) {
    jdbc.sql("DELETE FROM webchat_entry WHERE session_id = :s").param("s", sessionId).update();
    dataKeys.shred(tenantId, subject(sessionId));
  }

  private WebChatEntry map(ResultSet rs, int n) throws SQLException {
    String id = rs.getString("id");
    String tenantId = rs.getString("tenant_id");
    return new WebChatEntry(id, rs.getString("session_id"), tenantId, rs.getString("direction"),
        rs.getString("client_message_id"), cipher.decrypt(bodyRef(id, tenantId), rs.getString("body")),
        rs.getString("state"), instant(rs, "created_at"), instant(rs, "pushed_at"));
  }
}
