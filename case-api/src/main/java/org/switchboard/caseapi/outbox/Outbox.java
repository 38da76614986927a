package org.switchboard.caseapi.outbox;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends domain events to {@code outbox_event} inside the caller's transaction: the event exists
 * exactly when the change it describes was committed. A relay delivers it afterwards.
 */
@Component
public class Outbox {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final ApplicationEventPublisher publisher;

  public Outbox(JdbcClient jdbc, ObjectMapper mapper, ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.publisher = publisher;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(DomainEvent event) {
    jdbc.sql("""
        INSERT INTO outbox_event (id, tenant_id, aggregate_type, aggregate_id, event_type, payload, occurred_at, attempts)
        VALUES (:id, :tenantId, :aggregateType, :aggregateId, :type, :payload, :occurredAt, 0)
        """)
        .param("id", event.id())
        .param("tenantId", event.tenantId())
        .param("aggregateType", event.aggregateType())
        .param("aggregateId", event.aggregateId())
        .param("type", event.type())
        .param("payload", json(event))
        .param("occurredAt", ts(event.occurredAt()))
        .update();
    // In-process listeners use @TransactionalEventListener(AFTER_COMMIT), so they too see committed changes only.
    publisher.publishEvent(event);
  }

  private String json(DomainEvent event) {
    try {
      return mapper.writeValueAsString(event.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event payload is not serialisable: " + event.type(), e);
    }
  }
}
