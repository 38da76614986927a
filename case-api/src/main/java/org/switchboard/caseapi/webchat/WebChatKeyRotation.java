package org.switchboard.caseapi.webchat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.KeyRotationParticipant;

/**
 * Re-encrypts the web chat's ciphertexts (transcript bodies, pre-chat answers) still under a retiring data key,
 * with compare-and-set so a concurrent change wins. Both live only as long as their session, so there is
 * little to do.
 */
@Component
public class WebChatKeyRotation implements KeyRotationParticipant {

  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  public WebChatKeyRotation(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @Override
  public Pass reseal(String tenantId, Set<String> retiring) {
    Pass entries = reseal(tenantId, retiring, "webchat_entry", "body", "session_id",
        (id, t) -> WebChatTranscript.bodyRef(id, t));
    Pass prechat = reseal(tenantId, retiring, "webchat_session", "prechat", "id",
        (id, t) -> WebChatSessions.prechatRef(id, t));
    return new Pass(entries.found() + prechat.found(), entries.written() + prechat.written());
  }

  private interface RefOf {
    FieldRef of(String rowId, String tenantId);
  }

  private Pass reseal(String tenantId, Set<String> retiring, String table, String column, String sessionColumn,
      RefOf refOf) {
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("SELECT id, " + sessionColumn + " AS session_id, " + column
              + " AS value FROM " + table + " WHERE tenant_id = :t AND " + column + " IS NOT NULL AND id > :after"
              + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY")
          .param("t", tenantId).param("after", after).query().listOfRows();
      if (rows.isEmpty()) {
        return new Pass(found, written);
      }
      for (Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        String stored = (String) row.get("value");
        if (FieldCipher.keyIdOf(stored).map(retiring::contains).orElse(false)) {
          found++;
          FieldRef ref = refOf.of(id, tenantId);
          String fresh = cipher.encrypt(ref, WebChatTranscript.subject((String) row.get("session_id")),
              cipher.decrypt(ref, stored));
          written += jdbc.sql("UPDATE " + table + " SET " + column + " = :fresh WHERE id = :id AND " + column
              + " = :old").param("fresh", fresh).param("id", id).param("old", stored).update();
        }
      }
      after = (String) rows.get(rows.size() - 1).get("id");
    }
  }
}
