package org.switchboard.caseapi.outbox;

import java.util.concurrent.CompletableFuture;

/** Where the relay delivers outbox events: Kafka when configured, otherwise nowhere beyond the process. */
public interface OutboxPublisher {

  /**
   * Starts delivering one event. The future completes when the destination has acknowledged it, or
   * exceptionally; {@link UnavailableException} means the destination cannot be reached at all.
   */
  CompletableFuture<Void> publish(PendingEvent event);

  /**
   * The destination is down or unreachable, so every further event would fail the same way. The relay
   * stops its round instead of waiting for a timeout once per event.
   */
  class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
