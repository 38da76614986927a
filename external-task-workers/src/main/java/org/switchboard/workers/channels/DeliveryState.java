package org.switchboard.workers.channels;

/**
 * Delivery states of an outbound message. Callbacks only move a message forward ({@code rank} grows); FAILED is
 * final and may arrive at any point; late or repeated callbacks are ignored.
 */
public enum DeliveryState {
  QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), READ(4), FAILED(5);

  private final int rank;

  DeliveryState(int rank) {
    this.rank = rank;
  }

  public boolean canMoveTo(DeliveryState next) {
    if (this == FAILED || this == READ) {
      return false;
    }
    return next == FAILED || next.rank > rank;
  }
}
