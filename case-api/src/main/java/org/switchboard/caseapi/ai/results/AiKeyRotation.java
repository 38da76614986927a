package org.switchboard.caseapi.ai.results;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.crypto.FieldCipher;
import org.switchboard.caseapi.crypto.FieldRef;
import org.switchboard.caseapi.crypto.KeyRotationParticipant;
import org.switchboard.caseapi.crypto.Subject;

/**
 * Key rotation for AI data: result outputs still under a retiring key are re-sealed under the current key of
 * their subject (compare-and-set, a concurrent change wins); cache entries under a retiring key are simply
 * dropped, the next identical call fills them again.
 */
@Component
public class AiKeyRotation implements KeyRotationParticipant {

  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  public AiKeyRotation(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @Override
  public Pass reseal(String tenantId, Set<String> retiring) {
    int found = 0;
    int written = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = jdbc.sql("""
              SELECT id, output, object_type, object_id FROM ai_result
              WHERE tenant_id = :t AND output IS NOT NULL AND id > :after ORDER BY id LIMIT :n
              """)
          .param("t", tenantId).param("after", after).param("n", BATCH).query().listOfRows();
      if (rows.isEmpty()) {
        break;
      }
      for (Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        String stored = (String) row.get("output");
        if (FieldCipher.keyIdOf(stored).map(retiring::contains).orElse(true)) {
          found++;
          FieldRef ref = new FieldRef(AiResults.TABLE, id, "output", tenantId);
          Subject subject = "case".equals(row.get("object_type")) && row.get("object_id") != null
              ? Subject.ofCase((String) row.get("object_id")) : new Subject(AiResults.SUBJECT_TYPE, tenantId);
          String resealed = cipher.encrypt(ref, subject, cipher.decrypt(ref, stored));
          written += jdbc.sql("UPDATE ai_result SET output = :new WHERE id = :id AND output = :old")
              .param("new", resealed).param("id", id).param("old", stored).update();
        }
      }
      after = (String) rows.get(rows.size() - 1).get("id");
    }
    List<Map<String, Object>> cached = jdbc.sql("SELECT cache_key, cached_value FROM ai_cache WHERE tenant_id = :t")
        .param("t", tenantId).query().listOfRows();
    for (Map<String, Object> row : cached) {
      String stored = (String) row.get("cached_value");
      if (FieldCipher.keyIdOf(stored).map(retiring::contains).orElse(true)) {
        found++;
        written += jdbc.sql("DELETE FROM ai_cache WHERE tenant_id = :t AND cache_key = :k AND cached_value = :v")
            .param("t", tenantId).param("k", row.get("cache_key")).param("v", stored).update();
      }
    }
    return new Pass(found, written);
  }
}
