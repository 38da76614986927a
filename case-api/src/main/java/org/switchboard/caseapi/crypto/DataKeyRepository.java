package org.switchboard.caseapi.crypto;

import static org.switchboard.caseapi.shared.Jdbc.instant;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DataKeyRepository {

  static final String ACTIVE = "ACTIVE";
  static final String RETIRING = "RETIRING";
  static final String RETIRED = "RETIRED";

  private static final RowMapper<DataKeyRow> ROW = (rs, n) -> new DataKeyRow(rs.getString("id"),
      rs.getString("tenant_id"), new Subject(rs.getString("subject_type"), rs.getString("subject_id")),
      rs.getInt("version"), rs.getString("state"), rs.getString("wrapped_key"), rs.getString("kek_id"),
      instant(rs, "created_at"), instant(rs, "retired_at"));

  private final JdbcClient jdbc;

  public DataKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The subject's active key, locked until the transaction ends when {@code lock} (rotation waits for it).
   * Writers racing a rotation can each create a successor; the newest wins and the others stay readable
   * (every ciphertext names its key) until the next rotation retires them.
   */
  Optional<DataKeyRow> findActive(String tenantId, Subject subject, boolean lock) {
    return jdbc.sql("SELECT * FROM data_key WHERE tenant_id = :t AND subject_type = :st AND subject_id = :sid "
            + "AND state = 'ACTIVE' ORDER BY version DESC LIMIT 1" + (lock ? " FOR UPDATE" : ""))
        .param("t", tenantId).param("st", subject.type()).param("sid", subject.id())
        .query(ROW).optional();
  }

  Optional<DataKeyRow> findById(String id) {
    return jdbc.sql("SELECT * FROM data_key WHERE id = :id").param("id", id).query(ROW).optional();
  }

  int nextVersion(String tenantId, Subject subject) {
    return jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM data_key WHERE tenant_id = :t "
            + "AND subject_type = :st AND subject_id = :sid")
        .param("t", tenantId).param("st", subject.type()).param("sid", subject.id())
        .query(Integer.class).single();
  }

  void insert(DataKeyRow row) {
    jdbc.sql("""
        INSERT INTO data_key (id, tenant_id, subject_type, subject_id, version, state, wrapped_key, kek_id, created_at)
        VALUES (:id, :t, :st, :sid, :version, :state, :wrapped, :kek, :createdAt)
        """)
        .param("id", row.id()).param("t", row.tenantId()).param("st", row.subject().type())
        .param("sid", row.subject().id()).param("version", row.version()).param("state", row.state())
        .param("wrapped", row.wrappedKey()).param("kek", row.kekId()).param("createdAt", ts(row.createdAt()))
        .update();
    jdbc.sql("INSERT INTO data_key_usage (key_id, invocations) VALUES (:id, 0)").param("id", row.id()).update();
  }

  /** Adds {@code block} to the key's reserved invocations and returns the new total. */
  long reserve(String keyId, long block) {
    jdbc.sql("UPDATE data_key_usage SET invocations = invocations + :block WHERE key_id = :id")
        .param("block", block).param("id", keyId).update();
    return jdbc.sql("SELECT invocations FROM data_key_usage WHERE key_id = :id").param("id", keyId)
        .query(Long.class).single();
  }

  long invocations(String keyId) {
    return jdbc.sql("SELECT invocations FROM data_key_usage WHERE key_id = :id").param("id", keyId)
        .query(Long.class).single();
  }

  /** Ids of the tenant's keys in a state, in id order from {@code afterId} (paging). */
  List<String> idsInState(String tenantId, String state, String afterId, int limit) {
    return jdbc.sql("SELECT id FROM data_key WHERE tenant_id = :t AND state = :s AND id > :after ORDER BY id LIMIT :n")
        .param("t", tenantId).param("s", state).param("after", afterId).param("n", limit)
        .query(String.class).list();
  }

  List<DataKeyRow> lockByIds(List<String> ids) {
    return jdbc.sql("SELECT * FROM data_key WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", ids)
        .query(ROW).list();
  }

  List<DataKeyRow> notWrappedBy(String tenantId, String kekId, String afterId, int limit) {
    return jdbc.sql("SELECT * FROM data_key WHERE tenant_id = :t AND kek_id <> :kek AND id > :after "
            + "ORDER BY id LIMIT :n FOR UPDATE")
        .param("t", tenantId).param("kek", kekId).param("after", afterId).param("n", limit)
        .query(ROW).list();
  }

  void rewrap(String id, String wrappedKey, String kekId) {
    jdbc.sql("UPDATE data_key SET wrapped_key = :w, kek_id = :kek WHERE id = :id")
        .param("w", wrappedKey).param("kek", kekId).param("id", id).update();
  }

  void setState(String id, String state, Instant retiredAt) {
    jdbc.sql("UPDATE data_key SET state = :s, retired_at = :at WHERE id = :id")
        .param("s", state).param("at", ts(retiredAt)).param("id", id).update();
  }

  Optional<Integer> kekVersion(String tenantId, boolean lock) {
    return jdbc.sql("SELECT kek_version FROM tenant_kek WHERE tenant_id = :t" + (lock ? " FOR UPDATE" : ""))
        .param("t", tenantId).query(Integer.class).optional();
  }

  void insertKekVersion(String tenantId, int version, Instant at) {
    jdbc.sql("INSERT INTO tenant_kek (tenant_id, kek_version, rotated_at) VALUES (:t, :v, :at)")
        .param("t", tenantId).param("v", version).param("at", ts(at)).update();
  }

  void updateKekVersion(String tenantId, int version, Instant at) {
    jdbc.sql("UPDATE tenant_kek SET kek_version = :v, rotated_at = :at WHERE tenant_id = :t")
        .param("t", tenantId).param("v", version).param("at", ts(at)).update();
  }

  /** Deletes every key of the subject (crypto-shredding); returns the ids that were deleted. */
  List<String> deleteSubject(String tenantId, Subject subject) {
    List<String> ids = jdbc.sql("SELECT id FROM data_key WHERE tenant_id = :t AND subject_type = :st "
            + "AND subject_id = :sid FOR UPDATE")
        .param("t", tenantId).param("st", subject.type()).param("sid", subject.id())
        .query(String.class).list();
    if (!ids.isEmpty()) {
      jdbc.sql("DELETE FROM data_key_usage WHERE key_id IN (:ids)").param("ids", ids).update();
      jdbc.sql("DELETE FROM data_key WHERE id IN (:ids)").param("ids", ids).update();
    }
    return ids;
  }

  record DataKeyRow(String id, String tenantId, Subject subject, int version, String state, String wrappedKey,
      String kekId, Instant createdAt, Instant retiredAt) {
  }
}
