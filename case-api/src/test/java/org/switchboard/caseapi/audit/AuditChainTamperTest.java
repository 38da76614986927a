package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;
import org.switchboard.caseapi.audit.VerificationResult.Reason;
import org.switchboard.caseapi.support.PostgresTestDatabase;

/**
 * Reliability battery A-2 on PostgreSQL: somebody who owns the audit table disables its triggers and
 * tampers in each way an insider would; the verifier must name the first broken row. Each trial runs
 * in a transaction that is rolled back (PostgreSQL's ALTER TABLE is transactional too), so every trial
 * starts from the same intact chain.
 */
class AuditChainTamperTest {

  private static final int ROWS = 40;
  private static final int TRIALS = 60;
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
  private static final Random RANDOM = new Random(20261126L);

  @TempDir
  static Path checkpointDir;
  @TempDir
  static Path emptyDir;

  private static String database;
  private static String adminUrl;
  private static String user;
  private static String password;
  private static JdbcClient jdbc;
  private static TransactionTemplate tx;
  private static AuditChainVerifier anchored;
  private static AuditChainVerifier unanchored;
  private static CheckpointStore checkpoints;

  @BeforeAll
  static void chainWithCheckpoints() throws Exception {
    database = "sbaudit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = adminConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
    DriverManagerDataSource dataSource = new DriverManagerDataSource(databaseUrl(database), user, password);
    Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
        .table("switchboard_schema_history").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    tx = new TransactionTemplate(transactions);
    JdbcAuditTrail trail = new JdbcAuditTrail(jdbc, MAPPER);
    Instant start = Instant.parse("2026-01-01T08:00:00.123456Z");
    for (int i = 0; i < ROWS; i++) {
      int n = i;
      tx.executeWithoutResult(s -> trail.record(new AuditEvent(n % 3 == 0 ? "CASE_VIEWED" : "CASE_UPDATED",
          "u-" + (n % 5), start.plusSeconds(n), "t-" + (n % 2), "case", "c-" + n, "10.0.0." + n, "test-agent/1",
          n % 7 == 0 ? Outcome.DENIED : Outcome.SUCCESS, Map.of("fields", List.of("title", "priority"), "n", n))));
    }
    CheckpointKey key = CheckpointKey.of("tamper-test-checkpoint-key-0123456789".getBytes(StandardCharsets.UTF_8));
    checkpoints = new CheckpointStore(checkpointDir, key, MAPPER);
    checkpoints.append(ROWS / 2, hashOf(ROWS / 2), start.plusSeconds(ROWS / 2));
    checkpoints.append(ROWS, hashOf(ROWS), start.plusSeconds(ROWS));
    anchored = new AuditChainVerifier(jdbc, transactions, checkpoints);
    unanchored = new AuditChainVerifier(jdbc, transactions, new CheckpointStore(emptyDir, key, MAPPER));
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    try (Connection c = adminConnection(); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /**
   * A database of its own (not named sbtest_*, whose unused instances other test JVMs drop): the tamper
   * trials must not touch the shared test database's chain, and must not hold it unused while they run.
   */
  private static Connection adminConnection() throws SQLException {
    String url = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://localhost:5432/postgres");
    try {
      user = env("SWITCHBOARD_TEST_PG_USER", "switchboard");
      password = env("SWITCHBOARD_TEST_PG_PASSWORD", "switchboard");
      adminUrl = url;
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException noLocalServer) {
      user = PostgresTestDatabase.user();
      password = PostgresTestDatabase.password();
      adminUrl = PostgresTestDatabase.url();
      return DriverManager.getConnection(adminUrl, user, password);
    }
  }

  private static String databaseUrl(String name) {
    int slash = adminUrl.lastIndexOf('/');
    int query = adminUrl.indexOf('?', slash);
    return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @Test
  void anIntactChainVerifiesFullyAndFromTheLastCheckpoint() {
    VerificationResult full = anchored.verify();
    assertThat(full.valid()).as(full.toString()).isTrue();
    assertThat(full.checkedRows()).isEqualTo(ROWS);
    assertThat(full.lastSeq()).isEqualTo(ROWS);
    assertThat(full.checkpointsChecked()).isEqualTo(2);

    VerificationResult incremental = anchored.verify(true);
    assertThat(incremental.valid()).as(incremental.toString()).isTrue();
    assertThat(incremental.checkedRows()).isEqualTo(1);
  }

  @Test
  void theApplicationsConnectionCannotUpdateDeleteOrTruncateAuditRowsNorWindBackTheHead() {
    assertRefused("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3");
    assertRefused("DELETE FROM audit_event WHERE seq = " + ROWS);
    assertRefused("TRUNCATE audit_event");
    assertRefused("UPDATE audit_chain_head SET last_seq = 5, last_hash = '" + hashOf(5) + "'");
    assertRefused("DELETE FROM audit_chain_head");
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(ROWS);
    assertThat(anchored.verify().valid()).isTrue();
  }

  @Test
  void changingOneFieldOfOneRowIsDetectedAtThatRow() {
    List<String> changes = List.of("action = action || 'X'", "actor = coalesce(actor, '') || 'x'",
        "occurred_at = occurred_at + interval '1 microsecond'", "tenant_id = coalesce(tenant_id, '') || 'x'",
        "object_type = 'document'", "object_id = coalesce(object_id, '') || 'x'", "source = '203.0.113.9'",
        "client = 'forged'", "outcome = CASE WHEN outcome = 'SUCCESS' THEN 'DENIED' ELSE 'SUCCESS' END",
        "details = '{\"forged\":true}'", "hash = md5(hash) || md5(hash)");
    trials("change one field", seq -> {
      execute("UPDATE audit_event SET " + changes.get(RANDOM.nextInt(changes.size())) + " WHERE seq = " + seq);
      return new Expect(seq, seq, Reason.HASH_MISMATCH);
    }, ROWS);
  }

  @Test
  void deletingOneRowIsDetectedAtThatRow() {
    trials("delete one row", seq -> {
      execute("DELETE FROM audit_event WHERE seq = " + seq);
      return new Expect(seq, seq, seq == ROWS ? Reason.HEAD_MISMATCH : Reason.SEQ_GAP);
    }, ROWS);
  }

  @Test
  void insertingAForgedRowWithACorrectlyComputedHashIsDetected() {
    trials("insert forged row", seq -> {
      // Make room at seq (the attacker knows the hash algorithm and links the forged row to its predecessor).
      execute("UPDATE audit_event SET seq = -seq - 1 WHERE seq >= " + seq);
      execute("UPDATE audit_event SET seq = -seq WHERE seq < 0");
      AuditEvent forged = new AuditEvent("CASE_VIEWED", "mallory", Instant.parse("2026-01-01T09:00:00Z"), "t-0",
          "case", "c-x", "10.9.9.9", "forged", Outcome.SUCCESS, Map.of());
      String prev = seq == 1 ? JdbcAuditTrail.GENESIS : hashOf(seq - 1);
      String hash = JdbcAuditTrail.hash(prev, seq, forged, "{}");
      jdbc.sql("""
          INSERT INTO audit_event (seq, action, actor, occurred_at, tenant_id, object_type, object_id, source, client,
            outcome, details, prev_hash, hash)
          VALUES (:seq, 'CASE_VIEWED', 'mallory', TIMESTAMP WITH TIME ZONE '2026-01-01 09:00:00Z', 't-0', 'case',
            'c-x', '10.9.9.9', 'forged', 'SUCCESS', '{}', :prev, :hash)
          """).param("seq", seq).param("prev", prev).param("hash", hash).update();
      // In the middle, the break shows at the row after the forgery; at the end, the head does not name it;
      // on a checkpointed seq, the forged row itself contradicts the checkpoint.
      if (seq == ROWS / 2 || seq == ROWS) {
        return new Expect(seq, seq, Reason.CHECKPOINT_MISMATCH);
      }
      return new Expect(seq, seq + 1, seq == ROWS + 1 ? Reason.HEAD_MISMATCH : Reason.PREV_HASH_MISMATCH);
    }, ROWS + 1);
  }

  @Test
  void swappingTwoRowsSeqIsDetectedAtTheLowerOne() {
    trials("reorder two rows", first -> {
      int second = first + 1 + RANDOM.nextInt(ROWS - first);
      execute("UPDATE audit_event SET seq = -1 WHERE seq = " + first);
      execute("UPDATE audit_event SET seq = " + first + " WHERE seq = " + second);
      execute("UPDATE audit_event SET seq = " + second + " WHERE seq = -1");
      return new Expect(first, first, Reason.PREV_HASH_MISMATCH);
    }, ROWS - 1);
  }

  @Test
  void truncatingTheTailIsDetectedOnlyThroughTheSignedCheckpoint() {
    int[] undetectedWithoutCheckpoints = {0};
    trials("truncate tail", keep -> {
      int kept = keep - 1;
      execute("DELETE FROM audit_event WHERE seq > " + kept);
      execute("UPDATE audit_chain_head SET last_seq = " + kept + ", last_hash = '"
          + (kept == 0 ? JdbcAuditTrail.GENESIS : hashOf(kept)) + "'");
      if (unanchored.verify().valid()) {
        undetectedWithoutCheckpoints[0]++;
      }
      return new Expect(kept + 1, kept + 1, Reason.CHECKPOINT_ROW_MISSING);
    }, ROWS);
    System.out.println("A-2 | truncate tail without checkpoints | undetected = " + undetectedWithoutCheckpoints[0]
        + " of " + TRIALS + " (anchoring is required)");
    assertThat(undetectedWithoutCheckpoints[0]).isEqualTo(TRIALS);
  }

  @Test
  void rewritingTheChainFromRowKConsistentlyIsDetectedOnlyThroughTheSignedCheckpoint() {
    int[] undetectedWithoutCheckpoints = {0};
    trials("rewrite chain from k", k -> {
      execute("UPDATE audit_event SET actor = 'someone-else' WHERE seq = " + k);
      String prev = k == 1 ? JdbcAuditTrail.GENESIS : hashOf(k - 1);
      for (int seq = k; seq <= ROWS; seq++) {
        String hash = recomputeStored(seq, prev);
        execute("UPDATE audit_event SET prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + seq);
        prev = hash;
      }
      execute("UPDATE audit_chain_head SET last_hash = '" + prev + "'");
      if (unanchored.verify().valid()) {
        undetectedWithoutCheckpoints[0]++;
      }
      long checkpointSeq = k <= ROWS / 2 ? ROWS / 2 : ROWS;
      return new Expect(checkpointSeq, checkpointSeq, Reason.CHECKPOINT_MISMATCH);
    }, ROWS);
    System.out.println("A-2 | rewrite chain without checkpoints | undetected = " + undetectedWithoutCheckpoints[0]
        + " of " + TRIALS + " (anchoring is required)");
    assertThat(undetectedWithoutCheckpoints[0]).isEqualTo(TRIALS);
  }

  @Test
  void aForgedOrEditedCheckpointLineIsReported(@TempDir Path dir) throws Exception {
    CheckpointKey key = CheckpointKey.of("tamper-test-checkpoint-key-0123456789".getBytes(StandardCharsets.UTF_8));
    CheckpointStore store = new CheckpointStore(dir, key, MAPPER);
    store.append(ROWS, hashOf(ROWS), Instant.parse("2026-01-02T00:00:00Z"));
    String line = Files.readString(store.file());
    Files.writeString(store.file(), line.replace("\"seq\":" + ROWS, "\"seq\":" + (ROWS - 5)));

    VerificationResult result = new AuditChainVerifier(jdbc, new DataSourceTransactionManager(
        ((DataSourceTransactionManager) tx.getTransactionManager()).getDataSource()), store).verify();

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).isEqualTo(Reason.CHECKPOINT_SIGNATURE_INVALID);
  }

  /** Runs TRIALS tamperings at random positions in 1..bound, each rolled back, and asserts each is found. */
  private static void trials(String kind, IntFunction<Expect> tamper, int bound) {
    int detected = 0;
    for (int i = 0; i < TRIALS; i++) {
      int position = 1 + RANDOM.nextInt(bound);
      VerificationResult[] result = new VerificationResult[1];
      Expect[] expect = new Expect[1];
      tx.executeWithoutResult(status -> {
        execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
        execute("ALTER TABLE audit_chain_head DISABLE TRIGGER USER");
        expect[0] = tamper.apply(position);
        result[0] = anchored.verify();
        status.setRollbackOnly();
      });
      VerificationResult r = result[0];
      Expect e = expect[0];
      assertThat(r.valid()).as("%s at %d went unnoticed", kind, position).isFalse();
      assertThat(r.reason()).as("%s at %d: %s", kind, position, r).isEqualTo(e.reason());
      assertThat(r.firstBrokenSeq()).as("%s at %d: %s", kind, position, r).isBetween(e.low(), e.high());
      detected++;
    }
    System.out.println("A-2 | " + kind + " | N = " + TRIALS + " | detected = " + detected + " | "
        + (detected == TRIALS ? "PASS" : "FAIL"));
    assertThat(anchored.verify().valid()).as("the rollback restored the chain").isTrue();
  }

  private record Expect(long low, long high, Reason reason) {
  }

  private static void execute(String sql) {
    jdbc.sql(sql).update();
  }

  private static void assertRefused(String sql) {
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> execute(sql)))
        .as(sql).isInstanceOf(DataAccessException.class);
  }

  private static String hashOf(long seq) {
    return jdbc.sql("SELECT hash FROM audit_event WHERE seq = :seq").param("seq", seq).query(String.class).single();
  }

  private static String recomputeStored(long seq, String prev) {
    return jdbc.sql("SELECT * FROM audit_event WHERE seq = :seq").param("seq", seq).query((rs, row) ->
        JdbcAuditTrail.hash(prev, seq, new AuditEvent(rs.getString("action"), rs.getString("actor"),
            org.switchboard.caseapi.shared.Jdbc.instant(rs, "occurred_at"), rs.getString("tenant_id"),
            rs.getString("object_type"), rs.getString("object_id"), rs.getString("source"), rs.getString("client"),
            Outcome.valueOf(rs.getString("outcome")), null), rs.getString("details"))).single();
  }
}
