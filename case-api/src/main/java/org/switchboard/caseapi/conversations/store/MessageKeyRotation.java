package org.switchboard.caseapi.conversations.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.KeyRotationParticipant;

/**
 * Re-encrypts message fields and pending attachment URLs still under a retiring data key, under the current key of
 * the row's subject (its case, or the tenant's inbound key before it has one). Compare-and-set per row: a row that
 * changed meanwhile (processing re-encrypted it, a callback moved it) is left to the next pass.
 */
@Component
public class MessageKeyRotation implements KeyRotationParticipant {

  private static final int BATCH = 200;
  private static final List<String> FIELDS = List.of("sender", "sender_name", "recipient", "subject", "body",
      "template_params", "raw_payload");

  private final JdbcClient jdbc;
  private final MessageCipher cipher;
  private final TransactionTemplate transaction;

  public MessageKeyRotation(JdbcClient jdbc, MessageCipher cipher, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transaction = transaction;
  }

  @Override
  public Pass reseal(String tenantId, Set<String> retiring) {
    Pass messages = messages(tenantId, retiring);
    Pass attachments = attachments(tenantId, retiring);
    return new Pass(messages.found() + attachments.found(), messages.written() + attachments.written());
  }

  private Pass messages(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("SELECT id, case_id, " + String.join(", ", FIELDS)
              + " FROM message WHERE tenant_id = :t AND id > :after ORDER BY id LIMIT :n")
          .param("t", tenantId).param("after", after).param("n", BATCH).query().listOfRows();
      if (rows.isEmpty()) {
        return new Pass(found, written);
      }
      for (Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        String caseId = (String) row.get("case_id");
        List<String> stale = FIELDS.stream().filter(f -> underRetiring((String) row.get(f), retiring)).toList();
        if (stale.isEmpty()) {
          continue;
        }
        found++;
        StringBuilder sql = new StringBuilder("UPDATE message SET ");
        List<String> sets = new ArrayList<>();
        List<String> guards = new ArrayList<>();
        for (String f : stale) {
          sets.add(f + " = :new_" + f);
          guards.add(f + " = :old_" + f);
        }
        sql.append(String.join(", ", sets)).append(" WHERE id = :id AND ").append(String.join(" AND ", guards));
        Integer updated = transaction.execute(s -> {
          var statement = jdbc.sql(sql.toString()).param("id", id);
          for (String f : stale) {
            String old = (String) row.get(f);
            String clear = cipher.open(MessageCipher.MESSAGE, id, f, tenantId, old);
            String sealed = caseId == null ? cipher.sealInbound(MessageCipher.MESSAGE, id, f, tenantId, clear)
                : cipher.sealForCase(MessageCipher.MESSAGE, id, f, tenantId, caseId, clear);
            statement = statement.param("old_" + f, old).param("new_" + f, sealed);
          }
          return statement.update();
        });
        written += updated == null ? 0 : updated;
      }
      after = (String) rows.get(rows.size() - 1).get("id");
    }
  }

  private Pass attachments(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    List<Map<String, Object>> rows = jdbc.sql("""
        SELECT a.id, a.media_url, m.case_id FROM message_attachment a JOIN message m ON m.id = a.message_id
        WHERE a.tenant_id = :t AND a.media_url IS NOT NULL
        """).param("t", tenantId).query().listOfRows();
    for (Map<String, Object> row : rows) {
      String old = (String) row.get("media_url");
      if (!underRetiring(old, retiring)) {
        continue;
      }
      found++;
      String id = (String) row.get("id");
      String caseId = (String) row.get("case_id");
      String clear = cipher.open(MessageCipher.ATTACHMENT, id, "media_url", tenantId, old);
      String sealed = caseId == null ? cipher.sealInbound(MessageCipher.ATTACHMENT, id, "media_url", tenantId, clear)
          : cipher.sealForCase(MessageCipher.ATTACHMENT, id, "media_url", tenantId, caseId, clear);
      Integer updated = transaction.execute(s -> jdbc.sql(
              "UPDATE message_attachment SET media_url = :new WHERE id = :id AND media_url = :old")
          .param("id", id).param("old", old).param("new", sealed).update());
      written += updated == null ? 0 : updated;
    }
    return new Pass(found, written);
  }

  private static boolean underRetiring(String stored, Set<String> retiring) {
    return stored != null && FieldCipher.keyIdOf(stored).map(retiring::contains).orElse(false);
  }
}
