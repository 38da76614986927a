package org.switchboard.caseapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.config.SwitchboardProperties;
import org.switchboard.caseapi.shared.Jdbc;

/**
 * The relay against a real embedded KRaft broker on PostgreSQL. All Kafka tests live in this class so
 * the suite starts only one extra context, and that context is closed after the class: nothing else
 * uses it, and a broker left running until JVM exit fails noisily when Kafka's own shutdown hook
 * deletes its log directory first.
 *
 * <p>Its engine has a name of its own: Camunda keeps engines in a JVM-wide registry by name, so a
 * second engine called "default" would take the shared context's place there (its /engine-rest and
 * webapps would reach this context's database) and, on closing, remove it. (The starter silently
 * ignores names with hyphens.) The relay's schedule is slowed to an hour so the tests decide when a
 * round runs.
 */
@SpringBootTest(properties = {
    "camunda.bpm.process-engine-name=kafkaRelayTest",
    "switchboard.kafka.relay-interval=1h"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = KafkaRelayTestContext.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxKafkaRelayTest {

  private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(20);

  @Autowired
  Outbox outbox;
  @Autowired
  OutboxRelay relay;
  @Autowired
  OutboxPublisher publisher;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  DataSource dataSource;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  EmbeddedKafkaBroker broker;
  @Autowired
  ObjectMapper mapper;
  @Autowired
  Clock clock;
  @Autowired
  SwitchboardProperties properties;

  @Test
  void committedEventsArriveKeyedByCaseWithHeadersAndInOrderPerCase() throws IOException {
    assertThat(publisher).isInstanceOf(KafkaOutboxPublisher.class);
    String tenant = "t-" + shortId();
    List<String> cases = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString());
    Map<String, List<DomainEvent>> expected = new LinkedHashMap<>();
    // Interleaved transactions; events of one transaction share a timestamp, so only the write order can
    // keep them in order.
    for (String[] types : List.of(
        new String[] {EventTypes.CASE_OPENED, EventTypes.CASE_TRIAGED},
        new String[] {EventTypes.CASE_ASSIGNED, EventTypes.CASE_ESCALATED, EventTypes.CASE_CLOSED})) {
      for (String caseId : cases) {
        Instant at = clock.instant();
        List<DomainEvent> events = new ArrayList<>();
        for (String type : types) {
          events.add(DomainEvent.ofCase(type, tenant, caseId, at, Map.of("team", "crisis-team", "step", type)));
        }
        commit(events);
        expected.computeIfAbsent(caseId, id -> new ArrayList<>()).addAll(events);
      }
    }

    assertThat(relay.relayPending()).isGreaterThanOrEqualTo(15);

    List<ConsumerRecord<String, String>> records = consume(Set.copyOf(cases), found -> found.size() >= 15);
    assertThat(records).hasSize(15);
    for (String caseId : cases) {
      List<ConsumerRecord<String, String>> ofCase = records.stream().filter(r -> r.key().equals(caseId)).toList();
      assertThat(ofCase).extracting(r -> header(r, "event-id"))
          .containsExactlyElementsOf(expected.get(caseId).stream().map(DomainEvent::id).toList());
      assertThat(ofCase).extracting(ConsumerRecord::partition).containsOnly(ofCase.get(0).partition());
    }
    ConsumerRecord<String, String> first = records.stream().filter(r -> r.key().equals(cases.get(0))).findFirst()
        .orElseThrow();
    DomainEvent opened = expected.get(cases.get(0)).get(0);
    assertThat(header(first, "event-id")).isEqualTo(opened.id());
    assertThat(header(first, "event-type")).isEqualTo(EventTypes.CASE_OPENED);
    assertThat(header(first, "tenant-id")).isEqualTo(tenant);
    JsonNode envelope = mapper.readTree(first.value());
    assertThat(envelope.path("eventId").asText()).isEqualTo(opened.id());
    assertThat(envelope.path("type").asText()).isEqualTo(EventTypes.CASE_OPENED);
    assertThat(envelope.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(envelope.path("aggregateType").asText()).isEqualTo("Case");
    assertThat(envelope.path("aggregateId").asText()).isEqualTo(cases.get(0));
    // PostgreSQL keeps microseconds (rounded), the clock may give nanoseconds.
    assertThat(Instant.parse(envelope.path("occurredAt").asText()))
        .isCloseTo(opened.occurredAt(), within(1, ChronoUnit.MICROS));
    assertThat(envelope.path("payload").path("team").asText()).isEqualTo("crisis-team");
    assertThat(envelope.size()).isEqualTo(7);
    assertThat(unpublished(cases)).isZero();
  }

  @Test
  void eventsOfARolledBackTransactionNeverArrive() {
    String tenant = "t-" + shortId();
    String caseId = UUID.randomUUID().toString();
    DomainEvent rolledBack = DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseId, clock.instant(), Map.of());
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      outbox.append(rolledBack);
      status.setRollbackOnly();
    });
    DomainEvent committed = DomainEvent.ofCase(EventTypes.CASE_UPDATED, tenant, caseId, clock.instant(), Map.of());
    commit(List.of(committed));

    relay.relayPending();

    // The committed event comes after the rolled-back one in the partition, so once it is seen the
    // rolled-back one would have been seen too.
    List<ConsumerRecord<String, String>> records = consume(Set.of(caseId),
        found -> found.stream().anyMatch(r -> committed.id().equals(header(r, "event-id"))));
    assertThat(records).extracting(r -> header(r, "event-id")).containsExactly(committed.id());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE id = :id").param("id", rolledBack.id())
        .query(Integer.class).single()).isZero();
  }

  @Test
  void eventsWaitWhileTheBrokerIsUnreachableAndArriveInOrderOnceItIsReachable() throws IOException {
    String tenant = "t-" + shortId();
    String caseA = UUID.randomUUID().toString();
    String caseB = UUID.randomUUID().toString();
    List<DomainEvent> ofA = List.of(
        DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseA, clock.instant(), Map.of()),
        DomainEvent.ofCase(EventTypes.CASE_ASSIGNED, tenant, caseA, clock.instant(), Map.of()));
    List<DomainEvent> ofB = List.of(
        DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseB, clock.instant(), Map.of()),
        DomainEvent.ofCase(EventTypes.CASE_CLOSED, tenant, caseB, clock.instant(), Map.of()));
    commit(List.of(ofA.get(0), ofB.get(0)));
    commit(List.of(ofA.get(1), ofB.get(1)));

    SwitchboardProperties.Kafka nowhere = new SwitchboardProperties.Kafka("127.0.0.1:" + freePort(),
        KafkaRelayTestContext.TOPIC, Duration.ofHours(1), 200, Duration.ofSeconds(1), Duration.ofDays(7));
    DefaultKafkaProducerFactory<String, String> deadFactory =
        new DefaultKafkaProducerFactory<>(OutboxConfiguration.producerConfig(nowhere, Map.of()));
    deadFactory.setPhysicalCloseTimeout(1);
    OutboxRelay relayWithoutBroker = new OutboxRelay(jdbc, transactionManager,
        new KafkaOutboxPublisher(OutboxConfiguration.template(deadFactory), nowhere.topic(), mapper), clock,
        new SwitchboardProperties(properties.dataDir(), properties.admin(), properties.files(), nowhere));
    try {
      assertThat(relayWithoutBroker.relayPending()).isZero();
      assertThat(relayWithoutBroker.relayPending()).isZero();
    } finally {
      deadFactory.destroy();
    }

    assertThat(unpublished(List.of(caseA, caseB))).isEqualTo(4);
    Row head = row(ofA.get(0).id());
    assertThat(head.attempts()).isEqualTo(2);
    assertThat(head.lastError()).contains("Timeout").hasSizeLessThanOrEqualTo(500);
    // The broker being away stops the round at once: nothing else was tried, nothing overtook.
    assertThat(row(ofA.get(1).id()).attempts()).isZero();
    assertThat(row(ofB.get(0).id()).attempts()).isZero();

    assertThat(relay.relayPending()).isGreaterThanOrEqualTo(4);

    List<ConsumerRecord<String, String>> records = consume(Set.of(caseA, caseB), found -> found.size() >= 4);
    assertThat(records.stream().filter(r -> r.key().equals(caseA)).map(r -> header(r, "event-id")))
        .containsExactly(ofA.get(0).id(), ofA.get(1).id());
    assertThat(records.stream().filter(r -> r.key().equals(caseB)).map(r -> header(r, "event-id")))
        .containsExactly(ofB.get(0).id(), ofB.get(1).id());
    assertThat(unpublished(List.of(caseA, caseB))).isZero();
    assertThat(row(ofA.get(0).id()).attempts()).isEqualTo(2);
  }

  @Test
  void aConsumerDedupingByEventIdSeesEachEventOnceWhenTheRelayRepublishes() {
    String tenant = "t-" + shortId();
    String caseId = UUID.randomUUID().toString();
    List<DomainEvent> events = List.of(
        DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseId, clock.instant(), Map.of()),
        DomainEvent.ofCase(EventTypes.NOTE_ADDED, tenant, caseId, clock.instant(), Map.of("noteId", "n-1")),
        DomainEvent.ofCase(EventTypes.CASE_CLOSED, tenant, caseId, clock.instant(), Map.of()));
    commit(events);
    relay.relayPending();
    // As if the relay had crashed after the broker's acknowledgement and before its commit.
    jdbc.sql("UPDATE outbox_event SET published_at = NULL WHERE aggregate_id = :caseId").param("caseId", caseId)
        .update();
    relay.relayPending();

    List<ConsumerRecord<String, String>> delivered = consume(Set.of(caseId), found -> found.size() >= 6);
    assertThat(delivered).hasSize(6);
    Set<String> seen = new LinkedHashSet<>();
    List<String> processed = new ArrayList<>();
    for (ConsumerRecord<String, String> record : delivered) {
      if (seen.add(header(record, "event-id"))) {
        processed.add(header(record, "event-type"));
      }
    }
    assertThat(processed).containsExactly(EventTypes.CASE_OPENED, EventTypes.NOTE_ADDED, EventTypes.CASE_CLOSED);
    assertThat(seen).containsExactlyElementsOf(events.stream().map(DomainEvent::id).toList());
  }

  @Test
  void whileAnotherNodeHoldsACasesEarlierEventThatCaseWaitsAndOthersFlow() throws SQLException {
    String tenant = "t-" + shortId();
    String caseX = UUID.randomUUID().toString();
    String caseY = UUID.randomUUID().toString();
    DomainEvent x1 = DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseX, clock.instant(), Map.of());
    DomainEvent x2 = DomainEvent.ofCase(EventTypes.CASE_ASSIGNED, tenant, caseX, clock.instant(), Map.of());
    DomainEvent y1 = DomainEvent.ofCase(EventTypes.CASE_OPENED, tenant, caseY, clock.instant(), Map.of());
    commit(List.of(x1));
    commit(List.of(x2, y1));

    // "Another node" has claimed x1 and is still publishing it.
    try (Connection otherNode = dataSource.getConnection()) {
      otherNode.setAutoCommit(false);
      try (PreparedStatement claim = otherNode.prepareStatement(
          "SELECT id FROM outbox_event WHERE id = ? FOR UPDATE SKIP LOCKED")) {
        claim.setString(1, x1.id());
        claim.executeQuery().close();
      }

      relay.relayPending();

      assertThat(published(y1.id())).isTrue();
      assertThat(published(x1.id())).isFalse();
      assertThat(published(x2.id())).as("x2 must not overtake x1").isFalse();
      otherNode.rollback();
    }

    relay.relayPending();

    List<ConsumerRecord<String, String>> records = consume(Set.of(caseX, caseY), found -> found.size() >= 3);
    assertThat(records.stream().filter(r -> r.key().equals(caseX)).map(r -> header(r, "event-id")))
        .containsExactly(x1.id(), x2.id());
    assertThat(records).hasSize(3);
  }

  private boolean published(String eventId) {
    return jdbc.sql("SELECT published_at FROM outbox_event WHERE id = :id").param("id", eventId)
        .query((rs, n) -> Jdbc.instant(rs, "published_at") != null).single();
  }

  private void commit(List<DomainEvent> events) {
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.forEach(outbox::append));
  }

  /** Reads the topic from the start, without a consumer group, until {@code done} holds for the records of {@code keys}. */
  private List<ConsumerRecord<String, String>> consume(Set<String> keys,
      Predicate<List<ConsumerRecord<String, String>>> done) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = consumer.partitionsFor(KafkaRelayTestContext.TOPIC).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plus(CONSUME_TIMEOUT);
      while (!done.test(found) && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (keys.contains(record.key())) {
            found.add(record);
          }
        }
      }
      // One more look, so that surplus records (duplicates, rolled-back events) would show up too.
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        if (keys.contains(record.key())) {
          found.add(record);
        }
      }
    }
    return found;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private int unpublished(List<String> caseIds) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL AND aggregate_id IN (:ids)")
        .param("ids", caseIds).query(Integer.class).single();
  }

  private Row row(String eventId) {
    return jdbc.sql("SELECT attempts, last_error FROM outbox_event WHERE id = :id").param("id", eventId)
        .query((rs, n) -> new Row(rs.getInt("attempts"), rs.getString("last_error"))).single();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private record Row(int attempts, String lastError) {
  }
}
