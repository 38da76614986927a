package org.switchboard.caseapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.shared.Jdbc;

/**
 * The relay's rules on H2, the embedded default's database, without a Spring context: the migrations
 * and the relay's SQL (claim with FOR UPDATE SKIP LOCKED, housekeeping) must run there too. The
 * destination is a recording fake, so failures can be aimed at single events.
 */
class OutboxRelayH2Test {

  private static final int BATCH_SIZE = 3;

  private JdbcClient jdbc;
  private DataSourceTransactionManager transactionManager;
  private Outbox outbox;
  private final RecordingPublisher destination = new RecordingPublisher();
  private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .table("switchboard_schema_history").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
    outbox = new Outbox(jdbc, new ObjectMapper().findAndRegisterModules(), event -> { });
  }

  @Test
  void deliversInWriteOrderBatchAfterBatchAndMarksEveryEventDelivered() {
    List<DomainEvent> written = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String caseId = i % 2 == 0 ? "case-a" : "case-b";
      written.add(event(caseId, "Step" + i));
    }
    commit(written.subList(0, 4));
    commit(written.subList(4, 7));

    assertThat(relay(Clock.systemUTC()).relayPending()).isEqualTo(7);

    assertThat(destination.sent).containsExactlyElementsOf(written.stream().map(DomainEvent::id).toList());
    assertThat(pending()).isZero();
  }

  @Test
  void aFailedEventHoldsBackTheLaterEventsOfItsCaseOnly() {
    DomainEvent a1 = event("case-a", "A1");
    DomainEvent b1 = event("case-b", "B1");
    DomainEvent a2 = event("case-a", "A2");
    DomainEvent b2 = event("case-b", "B2");
    commit(List.of(a1, b1, a2, b2));
    destination.failing.add(a1.id());

    relay(Clock.systemUTC()).relayPending();

    assertThat(destination.sent).containsExactly(b1.id(), b2.id());
    assertThat(attempts(a1.id())).isEqualTo(1);
    assertThat(lastError(a1.id())).startsWith("IllegalArgumentException: rejected").hasSizeLessThanOrEqualTo(500);
    assertThat(attempts(a2.id())).isZero();
    assertThat(pending()).isEqualTo(2);

    destination.failing.clear();
    relay(Clock.systemUTC()).relayPending();

    assertThat(destination.sent).containsExactly(b1.id(), b2.id(), a1.id(), a2.id());
    assertThat(pending()).isZero();
  }

  @Test
  void anUnavailableDestinationEndsTheRoundAfterTheFirstAttempt() {
    DomainEvent a1 = event("case-a", "A1");
    DomainEvent b1 = event("case-b", "B1");
    commit(List.of(a1, b1));
    destination.unavailable = true;

    assertThat(relay(Clock.systemUTC()).relayPending()).isZero();

    assertThat(destination.attempted).containsExactly(a1.id());
    assertThat(attempts(a1.id())).isEqualTo(1);
    assertThat(attempts(b1.id())).isZero();
    assertThat(pending()).isEqualTo(2);
  }

  @Test
  void housekeepingDeletesOnlyEventsDeliveredLongerAgoThanTheRetention() {
    Instant now = Instant.parse("2030-01-15T12:00:00Z");
    for (int i = 0; i < 1500; i++) {
      insert("old-" + i, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(8)));
    }
    insert("recent", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(6)));
    insert("waiting", now.minus(Duration.ofDays(30)), null);

    int deleted = new OutboxHousekeeping(jdbc, Clock.fixed(now, ZoneOffset.UTC), properties()).deleteExpired();

    assertThat(deleted).isEqualTo(1500);
    assertThat(jdbc.sql("SELECT id FROM outbox_event ORDER BY id").query(String.class).list())
        .containsExactly("recent", "waiting");
  }

  private OutboxRelay relay(Clock clock) {
    return new OutboxRelay(jdbc, transactionManager, destination, clock, properties());
  }

  private SwitchboardProperties properties() {
    return new SwitchboardProperties(Path.of("target"), new SwitchboardProperties.Admin("admin", null),
        new SwitchboardProperties.Files("local", null, DataSize.ofMegabytes(1), DataSize.ofMegabytes(2)),
        new SwitchboardProperties.Kafka(null, "events", Duration.ofSeconds(1), BATCH_SIZE, Duration.ofSeconds(1),
            Duration.ofDays(7)));
  }

  private DomainEvent event(String caseId, String type) {
    return DomainEvent.ofCase(type, tenant, caseId, Instant.now(), Map.of("step", type));
  }

  private void commit(List<DomainEvent> events) {
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.forEach(outbox::append));
  }

  private void insert(String id, Instant occurredAt, Instant publishedAt) {
    jdbc.sql("""
            INSERT INTO outbox_event (id, tenant_id, aggregate_type, aggregate_id, event_type, payload, occurred_at,
              published_at, attempts)
            VALUES (:id, :tenant, 'Case', 'case-h', 'CaseOpened', '{}', :occurredAt, :publishedAt, 0)
            """)
        .param("id", id).param("tenant", tenant)
        .param("occurredAt", Jdbc.ts(occurredAt)).param("publishedAt", Jdbc.ts(publishedAt))
        .update();
  }

  private int pending() {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL").query(Integer.class).single();
  }

  private int attempts(String id) {
    return jdbc.sql("SELECT attempts FROM outbox_event WHERE id = :id").param("id", id).query(Integer.class).single();
  }

  private String lastError(String id) {
    return jdbc.sql("SELECT last_error FROM outbox_event WHERE id = :id").param("id", id).query(String.class).single();
  }

  /** Acknowledges at once, except for chosen events (rejected) or everything (unavailable). */
  private static final class RecordingPublisher implements OutboxPublisher {
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    final List<String> attempted = Collections.synchronizedList(new ArrayList<>());
    final Set<String> failing = new HashSet<>();
    boolean unavailable;

    @Override
    public CompletableFuture<Void> publish(PendingEvent event) {
      attempted.add(event.id());
      if (unavailable) {
        return CompletableFuture.failedFuture(new UnavailableException("broker down", null));
      }
      if (failing.contains(event.id())) {
        // Long enough to need truncating for last_error VARCHAR(500).
        return CompletableFuture.failedFuture(new IllegalArgumentException("rejected " + "x".repeat(2000)));
      }
      sent.add(event.id());
      return CompletableFuture.completedFuture(null);
    }
  }
}
