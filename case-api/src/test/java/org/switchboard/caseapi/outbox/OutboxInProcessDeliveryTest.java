package org.switchboard.caseapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.shared.Jdbc;
import org.switchboard.caseapi.support.SwitchboardTest;

/** Without switchboard.kafka.bootstrap-servers (the shared test context): in-process delivery only. */
@SwitchboardTest
class OutboxInProcessDeliveryTest {

  @Autowired
  ApplicationContext context;
  @Autowired
  Outbox outbox;
  @Autowired
  OutboxPublisher publisher;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  Clock clock;
  @Autowired
  SwitchboardProperties properties;

  @Test
  void noKafkaProducerIsConfigured() {
    assertThat(publisher).isInstanceOf(InProcessOutboxPublisher.class);
    assertThat(context.containsBean("outboxProducerFactory")).isFalse();
    assertThat(context.containsBean("outboxKafkaTemplate")).isFalse();
    // Boot's own Kafka beans exist but stay unused; a template connects only on its first send.
    assertThat(context.getBeansOfType(KafkaTemplate.class).keySet()).doesNotContain("outboxKafkaTemplate");
  }

  @Test
  void theScheduledRelayMarksCommittedEventsDelivered() throws InterruptedException {
    String caseId = UUID.randomUUID().toString();
    DomainEvent event = DomainEvent.ofCase(EventTypes.CASE_OPENED, "t-" + caseId.substring(0, 8), caseId,
        clock.instant(), Map.of("priority", "HIGH"));
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.append(event));

    Instant deadline = Instant.now().plus(properties.kafka().relayInterval().multipliedBy(10));
    while (publishedAt(event.id()) == null && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }

    assertThat(publishedAt(event.id())).isNotNull();
    assertThat(jdbc.sql("SELECT attempts FROM outbox_event WHERE id = :id").param("id", event.id())
        .query(Integer.class).single()).isZero();
  }

  @Test
  void housekeepingDeletesOnlyEventsDeliveredLongerAgoThanTheRetention() {
    // Long ago, so that every other test's rows count as delivered after the cutoff and stay.
    Instant now = Instant.parse("2001-01-10T00:00:00Z");
    Duration retention = properties.kafka().retention();
    String expired = insertPublished(now.minus(retention).minusSeconds(60));
    String kept = insertPublished(now.minus(retention).plusSeconds(60));

    new OutboxHousekeeping(jdbc, Clock.fixed(now, ZoneOffset.UTC), properties).deleteExpired();

    assertThat(jdbc.sql("SELECT id FROM outbox_event WHERE id IN (:ids)").param("ids", List.of(expired, kept))
        .query(String.class).list()).containsExactly(kept);
  }

  private String insertPublished(Instant publishedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            INSERT INTO outbox_event (id, tenant_id, aggregate_type, aggregate_id, event_type, payload, occurred_at,
              published_at, attempts)
            VALUES (:id, 't-housekeeping', 'Case', :id, 'CaseOpened', '{}', :at, :at, 0)
            """)
        .param("id", id).param("at", Jdbc.ts(publishedAt)).update();
    return id;
  }

  private Instant publishedAt(String id) {
    return jdbc.sql("SELECT published_at FROM outbox_event WHERE id = :id").param("id", id)
        .query((rs, n) -> Optional.ofNullable(Jdbc.instant(rs, "published_at"))).single().orElse(null);
  }
}
