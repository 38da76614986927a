package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Reliability battery A-4 (retention) on PostgreSQL, with a stepped clock. Purging deletes audit rows, and
 * the shared test database's chain is verified by other test classes at the same time: so each test here
 * gets a database of its own (dropped afterwards) and its own checkpoint directory, and builds the trail,
 * verifier and job by hand instead of using the shared Spring context.
 */
class AuditRetentionTest {

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
  private static final Instant OLD = Instant.parse("2019-03-01T08:00:00.000001Z");
  private static final Instant YOUNG = Instant.parse("2025-06-01T08:00:00.000001Z");
  private static final int OLD_ROWS = 30;
  private static final int YOUNG_ROWS = 10;

  @TempDir
  Path checkpointDir;
  @TempDir
  Path archiveDir;

  private String database;
  private JdbcClient jdbc;
  private TransactionTemplate tx;
  private JdbcAuditTrail trail;
  private CheckpointStore checkpoints;
  private AuditChainVerifier verifier;
  private SteppedClock clock;

  @BeforeEach
  void chainOfOldAndYoungRows() {
    String url = PostgresTestDatabase.createExtra("sbauditret");
    database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, PostgresTestDatabase.user(),
        PostgresTestDatabase.password());
    Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
        .table("switchboard_schema_history").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    tx = new TransactionTemplate(transactions);
    trail = new JdbcAuditTrail(jdbc, MAPPER);
    for (int i = 0; i < OLD_ROWS + YOUNG_ROWS; i++) {
      int n = i;
      Instant at = i < OLD_ROWS ? OLD.plus(Duration.ofMinutes(i)) : YOUNG.plus(Duration.ofMinutes(i));
      tx.executeWithoutResult(s -> trail.record(new AuditEvent(n % 3 == 0 ? "CASE_VIEWED" : "CASE_UPDATED",
          "u-" + (n % 4), at, "t-1", "case", "c-" + n, "10.0.0." + n, "test/1", Outcome.SUCCESS, Map.of("n", n))));
    }
    checkpoints = new CheckpointStore(checkpointDir, CheckpointKey.of(
        "retention-test-checkpoint-key-0123456789".getBytes(StandardCharsets.UTF_8)), MAPPER);
    verifier = new AuditChainVerifier(jdbc, transactions, checkpoints);
    clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(PostgresTestDatabase.url(), PostgresTestDatabase.user(),
        PostgresTestDatabase.password()); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private AuditRetentionJob job(int batchSize, Path archive) {
    return job(batchSize, archive, trail);
  }

  private AuditRetentionJob job(int batchSize, Path archive, AuditTrail auditTrail) {
    return new AuditRetentionJob(verifier, checkpoints, auditTrail, jdbc, tx.getTransactionManager(),
        new AuditProperties.Retention(true, Period.ofYears(6), Duration.ofDays(1), batchSize, archive), MAPPER,
        clock);
  }

  @Test
  void purgesOnlyOldCheckpointedRowsInSignedBatchesAndTheChainStillVerifies() throws Exception {
    checkpoints.append(20, hashOf(20), clock.instant());
    String hash20 = hashOf(20);

    AuditRetentionJob.Result first = job(8, archiveDir).run();

    // Old rows 1..30, but the checkpoint covers 1..20 only: 20 rows in batches of 8, 8 and 4.
    assertThat(first.purgedRows()).isEqualTo(20);
    assertThat(first.batches()).isEqualTo(3);
    assertThat(first.firstKeptSeq()).isEqualTo(21);
    assertThat(first.cutoff()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(seqs()).startsWith(21L).contains(30L, 40L).doesNotContain(1L, 20L);
    assertThat(jdbc.sql("SELECT first_seq, prev_hash, purge_count, purged_rows FROM audit_chain_anchor")
        .query((rs, row) -> List.of(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).single())
        .containsExactly(21L, hash20, 3L, 20L);

    List<PurgeRecord> records = checkpoints.readPurges().stream().peek(r -> assertThat(r.signatureValid()).isTrue())
        .map(CheckpointStore.PurgeRead::record).toList();
    assertThat(records).extracting(PurgeRecord::firstSeq, PurgeRecord::lastSeq, PurgeRecord::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 8L, 8L),
            org.assertj.core.groups.Tuple.tuple(9L, 16L, 8L), org.assertj.core.groups.Tuple.tuple(17L, 20L, 4L));
    assertThat(records.get(0).firstPrevHash()).isEqualTo(JdbcAuditTrail.GENESIS);
    assertThat(records.get(1).firstPrevHash()).isEqualTo(records.get(0).lastHash());
    assertThat(records.get(2).lastHash()).isEqualTo(hash20);
    assertThat(records.get(0).actions()).containsEntry("CASE_VIEWED", 3L).containsEntry("CASE_UPDATED", 5L);
    assertArchiveReplaysTheChain(records);

    List<Map<String, Object>> purgedEvents = jdbc.sql(
        "SELECT actor, outcome, details FROM audit_event WHERE action = 'AUDIT_PURGED' ORDER BY seq").query().listOfRows();
    assertThat(purgedEvents).hasSize(3).allSatisfy(e -> {
      assertThat(e.get("actor")).isEqualTo(AuditRetentionJob.ACTOR);
      assertThat(e.get("outcome")).isEqualTo("SUCCESS");
    });
    JsonNode details = MAPPER.readTree((String) purgedEvents.get(2).get("details"));
    assertThat(details.path("firstSeq").asLong()).isEqualTo(17);
    assertThat(details.path("lastSeq").asLong()).isEqualTo(20);
    assertThat(details.path("count").asLong()).isEqualTo(4);
    assertThat(details.path("cutoff").asText()).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(details.path("actions").path("CASE_UPDATED").asLong()).isEqualTo(3);

    VerificationResult afterPurge = verifier.verify();
    assertThat(afterPurge.valid()).as(afterPurge.toString()).isTrue();
    assertThat(afterPurge.firstSeq()).isEqualTo(21);
    assertThat(afterPurge.checkedRows()).isEqualTo(OLD_ROWS + YOUNG_ROWS - 20 + 3);
    assertThat(verifier.verify(true).valid()).isTrue();

    // A day later, with a checkpoint of the whole chain: the rest of the old rows go, the young ones stay.
    clock.step(Duration.ofDays(1));
    long head = jdbc.sql("SELECT last_seq FROM audit_chain_head").query(Long.class).single();
    checkpoints.append(head, hashOf(head), clock.instant());
    AuditRetentionJob.Result second = job(100, null).run();
    assertThat(second.purgedRows()).isEqualTo(10);
    assertThat(second.firstPurgedSeq()).isEqualTo(21);
    assertThat(second.lastPurgedSeq()).isEqualTo(30);
    assertThat(seqs()).startsWith(31L);
    assertThat(verifier.verify().valid()).isTrue();

    // Nothing old enough is left: a run purges nothing and records nothing.
    long events = count();
    assertThat(job(100, null).run().purgedRows()).isZero();
    assertThat(count()).isEqualTo(events);

    // Six years after the young rows, they (and the purge events of 2026) are old too; the last row stays
    // because the anchor rests on it.
    clock.step(Duration.ofDays(6 * 366));
    head = jdbc.sql("SELECT last_seq FROM audit_chain_head").query(Long.class).single();
    checkpoints.append(head, hashOf(head), clock.instant());
    AuditRetentionJob.Result third = job(1000, null).run();
    assertThat(third.lastPurgedSeq()).isEqualTo(head - 1);
    assertThat(seqs()).startsWith(head);
    VerificationResult end = verifier.verify();
    assertThat(end.valid()).as(end.toString()).isTrue();
    assertThat(end.firstSeq()).isEqualTo(head);
  }

  @Test
  void rowsNotCoveredByACheckpointAreKept() {
    AuditRetentionJob.Result result = job(10, null).run();

    assertThat(result.purgedRows()).isZero();
    assertThat(seqs()).hasSize(OLD_ROWS + YOUNG_ROWS);
    assertThat(checkpoints.readPurges()).isEmpty();
  }

  @Test
  void theDatabaseRefusesDeletingKeptRowsAndMovingTheAnchorBackOrOntoAWrongHash() {
    checkpoints.append(20, hashOf(20), clock.instant());
    job(100, null).run();

    assertRefused("DELETE FROM audit_event WHERE seq = 21");
    assertRefused("DELETE FROM audit_event WHERE seq = 35");
    assertRefused("DELETE FROM audit_event");
    assertRefused("UPDATE audit_event SET actor = 'mallory' WHERE seq = 25");
    assertRefused("TRUNCATE audit_event");
    assertRefused("UPDATE audit_chain_anchor SET first_seq = 5, prev_hash = '" + JdbcAuditTrail.GENESIS
        + "', purge_count = purge_count + 1, purged_rows = purged_rows + 1, purged_at = now()");
    assertRefused("UPDATE audit_chain_anchor SET first_seq = 26, prev_hash = '" + hashOf(24)
        + "', purge_count = purge_count + 1, purged_rows = purged_rows + 5, purged_at = now()");
    assertRefused("UPDATE audit_chain_anchor SET first_seq = 999, prev_hash = '" + hashOf(25)
        + "', purge_count = purge_count + 1, purged_rows = purged_rows + 5, purged_at = now()");
    assertRefused("DELETE FROM audit_chain_anchor");
    assertRefused("TRUNCATE audit_chain_anchor");
    assertThat(seqs()).startsWith(21L).hasSize(OLD_ROWS + YOUNG_ROWS - 20 + 1);
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void tamperingAfterAPurgeIsDetected() throws Exception {
    checkpoints.append(20, hashOf(20), clock.instant());
    job(100, null).run();
    assertThat(verifier.verify().valid()).isTrue();

    // The owner advances the anchor by plain SQL (the database cannot check signatures) and deletes rows
    // below it: no signed purge record ends at seq 25.
    assertBroken(() -> {
      execute("UPDATE audit_chain_anchor SET first_seq = 26, prev_hash = '" + hashOf(25)
          + "', purge_count = purge_count + 1, purged_rows = purged_rows + 5, purged_at = now()");
      assertThat(jdbc.sql("DELETE FROM audit_event WHERE seq < 26").update()).isEqualTo(5);
    }, Reason.ANCHOR_UNSIGNED, 21);

    // The same with the triggers off, moving the anchor straight past rows that were never purged.
    assertBroken(() -> {
      disableTriggers();
      execute("UPDATE audit_chain_anchor SET first_seq = 31, prev_hash = '" + hashOf(30) + "'");
      execute("DELETE FROM audit_event WHERE seq < 31");
    }, Reason.ANCHOR_UNSIGNED, 21);

    // Winding the anchor back to the start does not bring the purged rows back.
    assertBroken(() -> {
      disableTriggers();
      execute("UPDATE audit_chain_anchor SET first_seq = 1, prev_hash = '" + JdbcAuditTrail.GENESIS + "'");
    }, Reason.SEQ_GAP, 1);

    // A kept row changed, the first kept row included.
    assertBroken(() -> {
      disableTriggers();
      execute("UPDATE audit_event SET actor = 'mallory' WHERE seq = 27");
    }, Reason.HASH_MISMATCH, 27);
    assertBroken(() -> {
      disableTriggers();
      execute("UPDATE audit_event SET actor = 'mallory' WHERE seq = 21");
    }, Reason.HASH_MISMATCH, 21);

    // The first kept row re-linked (with a recomputed hash) to something else than the anchor.
    assertBroken(() -> {
      disableTriggers();
      relink(21, "f".repeat(64));
    }, Reason.PREV_HASH_MISMATCH, 21);

    // Anchor and first kept row rewritten consistently: the signed purge record contradicts them.
    assertBroken(() -> {
      disableTriggers();
      relink(21, "e".repeat(64));
      execute("UPDATE audit_chain_anchor SET prev_hash = '" + "e".repeat(64) + "'");
    }, Reason.ANCHOR_MISMATCH, 20);

    // Rows deleted above the anchor, as before retention existed.
    assertBroken(() -> {
      disableTriggers();
      execute("DELETE FROM audit_event WHERE seq = 33");
    }, Reason.SEQ_GAP, 33);

    // An edited purge record no longer carries a valid signature.
    String original = Files.readString(checkpoints.purgesFile());
    Files.writeString(checkpoints.purgesFile(), original.replace("\"count\":20", "\"count\":19"));
    VerificationResult edited = verifier.verify();
    assertThat(edited.reason()).as(edited.toString()).isEqualTo(Reason.PURGE_RECORD_SIGNATURE_INVALID);
    Files.writeString(checkpoints.purgesFile(), original);
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aBrokenChainIsNotPurgedAndTheRefusalIsAudited() {
    checkpoints.append(20, hashOf(20), clock.instant());
    tx.executeWithoutResult(status -> {
      disableTriggers();
      execute("UPDATE audit_event SET details = '{\"forged\":true}' WHERE seq = 5");
      AuditRetentionJob.Result result = job(100, null).run();
      assertThat(result.refusal()).isEqualTo("CHAIN_BROKEN");
      assertThat(result.purgedRows()).isZero();
      assertThat(seqs()).startsWith(1L);
      assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'AUDIT_PURGED'").query(String.class)
          .single()).isEqualTo("FAILURE");
      status.setRollbackOnly();
    });
    assertThat(checkpoints.readPurges()).isEmpty();
  }

  @Test
  void aPurgeRecordWhoseDeletionFailedVouchesForItsRowsAndTheNextRunFinishes() {
    checkpoints.append(20, hashOf(20), clock.instant());
    AuditTrail failing = event -> {
      throw new IllegalStateException("audit store down");
    };
    assertThatThrownBy(() -> job(100, null, failing).run()).hasMessageContaining("audit store down");
    assertThat(checkpoints.readPurges()).hasSize(1);
    assertThat(seqs()).startsWith(1L).hasSize(OLD_ROWS + YOUNG_ROWS);
    VerificationResult pending = verifier.verify();
    assertThat(pending.valid()).as(pending.toString()).isTrue();
    assertThat(pending.firstSeq()).isEqualTo(1);

    assertThat(job(100, null).run().purgedRows()).isEqualTo(20);
    assertThat(checkpoints.readPurges()).hasSize(2);
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void purgingTwentyThousandRowsInBatchesIsMeasured() {
    int rows = 20_000;
    long seq = OLD_ROWS + YOUNG_ROWS;
    String prev = hashOf(seq);
    Instant at = Instant.parse("2026-02-01T00:00:00.000001Z");
    List<Object[]> batch = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      seq++;
      AuditEvent e = new AuditEvent(i % 2 == 0 ? "CASE_VIEWED" : "LOGIN_SUCCEEDED", "u-" + (i % 50), at.plusMillis(i),
          "t-1", "case", "c-" + i, "10.0.0.1", "test/1", Outcome.SUCCESS, null);
      String details = "{\"n\":" + i + "}";
      String hash = JdbcAuditTrail.hash(prev, seq, e, details);
      batch.add(new Object[] {seq, e.action(), e.actor(), java.sql.Timestamp.from(e.at()), e.objectId(), details,
          prev, hash});
      prev = hash;
    }
    long last = seq;
    String lastHash = prev;
    tx.executeWithoutResult(s -> {
      new org.springframework.jdbc.core.JdbcTemplate(((DataSourceTransactionManager) tx.getTransactionManager())
          .getDataSource()).batchUpdate("""
          INSERT INTO audit_event (seq, action, actor, occurred_at, tenant_id, object_type, object_id, source,
            client, outcome, details, prev_hash, hash)
          VALUES (?, ?, ?, ?, 't-1', 'case', ?, '10.0.0.1', 'test/1', 'SUCCESS', ?, ?, ?)
          """, batch);
      execute("UPDATE audit_chain_head SET last_seq = " + last + ", last_hash = '" + lastHash + "'");
    });
    assertThat(verifier.verify().valid()).isTrue();
    checkpoints.append(last, lastHash, clock.instant());
    clock.step(Duration.ofDays(365 * 14));

    long started = System.nanoTime();
    AuditRetentionJob.Result result = job(10_000, archiveDir).run();
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.purgedRows()).isEqualTo(last - 1);
    assertThat(result.batches()).isEqualTo(3);
    assertThat(verifier.verify().valid()).isTrue();
    System.out.println("A-4 | purge " + result.purgedRows() + " rows in " + result.batches()
        + " signed, archived batches (incl. full verification first) | " + millis + " ms");
  }

  private void assertArchiveReplaysTheChain(List<PurgeRecord> records) throws Exception {
    for (PurgeRecord record : records) {
      Path file = archiveDir.resolve(record.archive());
      byte[] bytes = Files.readAllBytes(file);
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .isEqualTo(record.archiveSha256());
      String prev = record.firstPrevHash();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize((int) record.count());
      for (String line : lines) {
        JsonNode row = MAPPER.readTree(line);
        AuditEvent event = new AuditEvent(row.path("action").asText(), row.path("actor").asText(null),
            Instant.parse(row.path("occurredAt").asText()), row.path("tenantId").asText(null),
            row.path("objectType").asText(null), row.path("objectId").asText(null), row.path("source").asText(null),
            row.path("client").asText(null), Outcome.valueOf(row.path("outcome").asText()), null);
        String hash = JdbcAuditTrail.hash(prev, row.path("seq").asLong(), event, row.path("details").asText());
        assertThat(hash).isEqualTo(row.path("hash").asText());
        digest.update((hash + "\n").getBytes(StandardCharsets.US_ASCII));
        prev = hash;
      }
      assertThat(prev).isEqualTo(record.lastHash());
      assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(record.digest());
    }
  }

  /** Runs the tampering in a transaction that is rolled back, and asserts what the verifier reports. */
  private void assertBroken(Runnable tamper, Reason reason, long firstBrokenSeq) {
    VerificationResult[] result = new VerificationResult[1];
    tx.executeWithoutResult(status -> {
      tamper.run();
      result[0] = verifier.verify();
      status.setRollbackOnly();
    });
    assertThat(result[0].valid()).as("went unnoticed: %s", reason).isFalse();
    assertThat(result[0].reason()).as(result[0].toString()).isEqualTo(reason);
    assertThat(result[0].firstBrokenSeq()).as(result[0].toString()).isEqualTo(firstBrokenSeq);
    assertThat(verifier.verify().valid()).as("the rollback restored the chain").isTrue();
  }

  private void relink(long seq, String prevHash) {
    String hash = jdbc.sql("SELECT * FROM audit_event WHERE seq = :seq").param("seq", seq)
        .query((rs, row) -> AuditChainVerifier.recompute(rs, seq, prevHash)).single();
    execute("UPDATE audit_event SET prev_hash = '" + prevHash + "', hash = '" + hash + "' WHERE seq = " + seq);
    // The next row then no longer points at it; point it there too, so only the anchor link is wrong.
    String next = jdbc.sql("SELECT * FROM audit_event WHERE seq = :seq").param("seq", seq + 1)
        .query((rs, row) -> AuditChainVerifier.recompute(rs, seq + 1, hash)).single();
    execute("UPDATE audit_event SET prev_hash = '" + hash + "', hash = '" + next + "' WHERE seq = " + (seq + 1));
    // ... and so on to the head, as an attacker who can recompute hashes would.
    String prev = next;
    long head = jdbc.sql("SELECT last_seq FROM audit_chain_head").query(Long.class).single();
    for (long s = seq + 2; s <= head; s++) {
      long at = s;
      String p = prev;
      String h = jdbc.sql("SELECT * FROM audit_event WHERE seq = :seq").param("seq", at)
          .query((rs, row) -> AuditChainVerifier.recompute(rs, at, p)).single();
      execute("UPDATE audit_event SET prev_hash = '" + p + "', hash = '" + h + "' WHERE seq = " + at);
      prev = h;
    }
    execute("UPDATE audit_chain_head SET last_hash = '" + prev + "'");
  }

  private void disableTriggers() {
    execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
    execute("ALTER TABLE audit_chain_head DISABLE TRIGGER USER");
    execute("ALTER TABLE audit_chain_anchor DISABLE TRIGGER USER");
  }

  private void execute(String sql) {
    jdbc.sql(sql).update();
  }

  private void assertRefused(String sql) {
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> execute(sql)))
        .as(sql).isInstanceOf(DataAccessException.class);
  }

  private List<Long> seqs() {
    return jdbc.sql("SELECT seq FROM audit_event ORDER BY seq").query(Long.class).list();
  }

  private long count() {
    return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
  }

  private String hashOf(long seq) {
    return jdbc.sql("SELECT hash FROM audit_event WHERE seq = :seq").param("seq", seq).query(String.class).single();
  }

  /** A clock the test moves forward by hand. */
  static final class SteppedClock extends Clock {
    private Instant now;

    SteppedClock(Instant start) {
      this.now = start;
    }

    void step(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
