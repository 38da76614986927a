package org.switchboard.caseapi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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

/** The embedded default (H2) refuses audit changes too, through the Java triggers of db/vendor/h2/V8. */
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
}
