package org.switchboard.caseapi.channels.email;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.caseapi.shared.Jdbc;

/**
 * Table {@code email_mailbox}: where each polled folder stands, and which node polls it now. Every method is its
 * own short transaction (auto-commit), so the lease is visible to other nodes at once and an IMAP round never
 * holds a database lock.
 */
@Repository
class MailboxStates {

  private final JdbcClient jdbc;
  private final Clock clock;

  MailboxStates(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record State(Long uidValidity, long lastUid) {
  }

  /**
   * Takes the mailbox for this round unless another node holds an unexpired lease.
   *
   * @return the state to continue from; empty when another node is polling it
   */
  Optional<State> claim(String accountId, String folder, String tenantId, String token, Instant until) {
    Instant now = clock.instant();
    ensureRow(accountId, folder, tenantId, now);
    int claimed = jdbc.sql("UPDATE email_mailbox SET claimed_by = :token, claimed_until = :until, updated_at = :now"
            + " WHERE account_id = :account AND folder = :folder"
            + " AND (claimed_until IS NULL OR claimed_until < :now)")
        .param("token", token).param("until", Jdbc.ts(until)).param("now", Jdbc.ts(now))
        .param("account", accountId).param("folder", folder)
        .update();
    if (claimed == 0) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT uid_validity, last_uid FROM email_mailbox WHERE account_id = :account AND folder = :folder")
        .param("account", accountId).param("folder", folder)
        .query((rs, n) -> {
          long validity = rs.getLong("uid_validity");
          return new State(rs.wasNull() ? null : validity, rs.getLong("last_uid"));
        })
        .optional();
  }

  /** A new UIDVALIDITY: the folder's UIDs mean something else now, reading starts over (Message-IDs dedupe). */
  boolean restart(String accountId, String folder, String token, long uidValidity) {
    return jdbc.sql("UPDATE email_mailbox SET uid_validity = :validity, last_uid = 0, updated_at = :now"
            + " WHERE account_id = :account AND folder = :folder AND claimed_by = :token")
        .param("validity", uidValidity).param("now", Jdbc.ts(clock.instant()))
        .param("account", accountId).param("folder", folder).param("token", token)
        .update() == 1;
  }

  /** @return false when this node lost the lease: it must stop polling the mailbox */
  boolean advance(String accountId, String folder, String token, long uid) {
    return jdbc.sql("UPDATE email_mailbox SET last_uid = CASE WHEN last_uid < :uid THEN :uid ELSE last_uid END,"
            + " updated_at = :now WHERE account_id = :account AND folder = :folder AND claimed_by = :token")
        .param("uid", uid).param("now", Jdbc.ts(clock.instant()))
        .param("account", accountId).param("folder", folder).param("token", token)
        .update() == 1;
  }

  void release(String accountId, String folder, String token, String error) {
    Instant now = clock.instant();
    jdbc.sql("UPDATE email_mailbox SET claimed_by = NULL, claimed_until = NULL, last_polled_at = :now,"
            + " last_error = :error, updated_at = :now"
            + " WHERE account_id = :account AND folder = :folder AND claimed_by = :token")
        .param("now", Jdbc.ts(now)).param("error", error == null ? null : cut(error, 500))
        .param("account", accountId).param("folder", folder).param("token", token)
        .update();
  }

  private void ensureRow(String accountId, String folder, String tenantId, Instant now) {
    Integer exists = jdbc.sql("SELECT COUNT(*) FROM email_mailbox WHERE account_id = :account AND folder = :folder")
        .param("account", accountId).param("folder", folder).query(Integer.class).single();
    if (exists > 0) {
      return;
    }
    try {
      jdbc.sql("INSERT INTO email_mailbox (account_id, folder, tenant_id, uid_validity, last_uid, created_at,"
              + " updated_at) VALUES (:account, :folder, :tenant, NULL, 0, :now, :now)")
          .param("account", accountId).param("folder", folder).param("tenant", tenantId).param("now", Jdbc.ts(now))
          .update();
    } catch (DuplicateKeyException raced) {
      // Another node created it a moment ago: the claim below decides who polls.
    }
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
