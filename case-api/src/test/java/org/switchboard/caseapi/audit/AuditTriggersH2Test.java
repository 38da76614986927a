package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.audit.AuditEvent.Outcome;

/** The embedded default (H2) refuses audit changes too, through the Java triggers of db/vendor/h2/V8 and V22. */
class AuditTriggersH2Test {

  @Test
  void h2RefusesUpdatesAndDeletesAndTheChainVerifies(@TempDir Path dir) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
        .table("switchboard_schema_history").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    JdbcAuditTrail trail = new JdbcAuditTrail(jdbc, new ObjectMapper());
    for (int i = 0; i < 5; i++) {
      int n = i;
      tx.executeWithoutResult(s -> trail.record(new AuditEvent("CASE_VIEWED", "u-1",
          Instant.parse("2026-01-01T00:00:00.000001Z").plusSeconds(n), "t-1", "case", "c-" + n, null, null,
          Outcome.SUCCESS, Map.of("n", n))));
    }

    for (String sql : new String[] {"UPDATE audit_event SET actor = 'x' WHERE seq = 2",
        "DELETE FROM audit_event WHERE seq = 5", "UPDATE audit_chain_head SET last_seq = 1",
        "DELETE FROM audit_chain_head"}) {
      assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql(sql).update()))
          .as(sql).isInstanceOf(DataAccessException.class);
    }

    CheckpointStore store = new CheckpointStore(dir, CheckpointKey.of(
        "h2-test-checkpoint-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)), new ObjectMapper());
    VerificationResult result = new AuditChainVerifier(jdbc, transactions, store).verify();
    assertThat(result.valid()).as(result.toString()).isTrue();
    assertThat(result.checkedRows()).isEqualTo(5);
  }

  @Test
  void h2PurgesBelowTheAnchorOnlyAndTheChainVerifiesFromIt(@TempDir Path dir) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
        .table("switchboard_schema_history").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    ObjectMapper mapper = new ObjectMapper();
    JdbcAuditTrail trail = new JdbcAuditTrail(jdbc, mapper);
    for (int i = 0; i < 6; i++) {
      int n = i;
      tx.executeWithoutResult(s -> trail.record(new AuditEvent("CASE_VIEWED", "u-1",
          Instant.parse("2018-01-01T00:00:00.000001Z").plusSeconds(n), "t-1", "case", "c-" + n, null, null,
          Outcome.SUCCESS, Map.of("n", n))));
    }
    CheckpointStore store = new CheckpointStore(dir, CheckpointKey.of(
        "h2-test-checkpoint-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)), mapper);
    String hash4 = jdbc.sql("SELECT hash FROM audit_event WHERE seq = 4").query(String.class).single();
    store.append(4, hash4, Instant.parse("2018-01-02T00:00:00Z"));
    AuditChainVerifier verifier = new AuditChainVerifier(jdbc, transactions, store);
    for (String sql : new String[] {"DELETE FROM audit_event WHERE seq = 1",
        "UPDATE audit_chain_anchor SET first_seq = 3, prev_hash = 'x', purge_count = 1, purged_rows = 2, "
            + "purged_at = CURRENT_TIMESTAMP"}) {
      assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql(sql).update()))
          .as(sql).isInstanceOf(DataAccessException.class);
    }

    AuditRetentionJob.Result result = new AuditRetentionJob(verifier, store, trail, jdbc, transactions,
        new AuditProperties.Retention(true, Period.ofYears(6), Duration.ofDays(1), 3, dir.resolve("archive")),
        mapper, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).run();

    assertThat(result.purgedRows()).isEqualTo(4);
    assertThat(result.batches()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT min(seq) FROM audit_event").query(Long.class).single()).isEqualTo(5);
    String hash2 = store.readPurges().get(0).record().lastHash();
    for (String sql : new String[] {"DELETE FROM audit_event WHERE seq = 5", "DELETE FROM audit_event",
        "UPDATE audit_event SET actor = 'x' WHERE seq = 6",
        "UPDATE audit_chain_anchor SET first_seq = 3, prev_hash = '" + hash2 + "', purge_count = purge_count + 1, "
            + "purged_rows = purged_rows + 1, purged_at = CURRENT_TIMESTAMP",
        "DELETE FROM audit_chain_anchor"}) {
      assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql(sql).update()))
          .as(sql).isInstanceOf(DataAccessException.class);
    }
    VerificationResult verified = verifier.verify();
    assertThat(verified.valid()).as(verified.toString()).isTrue();
    assertThat(verified.firstSeq()).isEqualTo(5);
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'AUDIT_PURGED'").query(Long.class)
        .single()).isEqualTo(2);
  }
}
