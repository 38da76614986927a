package org.switchboard.caseapi.outbox;

import java.util.concurrent.CompletableFuture;

/**
 * Delivery without Kafka. In-process listeners already received the event when its transaction
 * committed ({@link Outbox} publishes a Spring event), so there is nothing left to send: the relay only
 * marks the row delivered, and housekeeping can then delete it.
 */
public class InProcessOutboxPublisher implements OutboxPublisher {

  @Override
  public CompletableFuture<Void> publish(PendingEvent event) {
    return CompletableFuture.completedFuture(null);
  }
}
