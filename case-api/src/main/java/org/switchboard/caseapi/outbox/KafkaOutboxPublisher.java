package org.switchboard.caseapi.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes outbox events to one Kafka topic: key = aggregate (case) id, so all events of a case land
 * in one partition in relay order; value = {@link EventEnvelope} JSON; headers {@code event-id},
 * {@code event-type} and {@code tenant-id}, so consumers can route and dedupe without parsing.
 */
public class KafkaOutboxPublisher implements OutboxPublisher {

  public static final String HEADER_EVENT_ID = "event-id";
  public static final String HEADER_EVENT_TYPE = "event-type";
  public static final String HEADER_TENANT_ID = "tenant-id";

  private final KafkaTemplate<String, String> template;
  private final String topic;
  private final ObjectMapper mapper;

  public KafkaOutboxPublisher(KafkaTemplate<String, String> template, String topic, ObjectMapper mapper) {
    this.template = template;
    this.topic = topic;
    this.mapper = mapper;
  }

  @Override
  public CompletableFuture<Void> publish(PendingEvent event) {
    ProducerRecord<String, String> record;
    try {
      record = new ProducerRecord<>(topic, event.aggregateId(), envelope(event));
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    record.headers()
        .add(HEADER_EVENT_ID, bytes(event.id()))
        .add(HEADER_EVENT_TYPE, bytes(event.type()))
        .add(HEADER_TENANT_ID, bytes(event.tenantId()));
    try {
      return template.send(record).handle((result, error) -> {
        if (error != null) {
          throw new CompletionException(classify(error));
        }
        return null;
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(classify(e));
    }
  }

  private String envelope(PendingEvent event) throws JsonProcessingException {
    return mapper.writeValueAsString(new EventEnvelope(event.id(), event.type(), event.tenantId(),
        event.aggregateType(), event.aggregateId(), event.occurredAt(), mapper.readTree(event.payload())));
  }

  /** Retriable Kafka errors (timeouts, no leader, network) mean the cluster is unavailable, not this event. */
  private static Throwable classify(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RetriableException) {
        return new UnavailableException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), error);
      }
    }
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
