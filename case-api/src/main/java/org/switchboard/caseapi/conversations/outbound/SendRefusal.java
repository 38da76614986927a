package org.switchboard.caseapi.conversations.outbound;

import java.time.Instant;

/**
 * A send refused for a business reason ({@link org.switchboard.workers.channels.RefusalCodes}). The API answers
 * 422 with {@code code} and {@code reason}; at claim time it becomes the worker's BPMN error.
 *
 * @param lastInboundAt for WINDOW_CLOSED: when the contact last wrote on the channel (null: never)
 */
public class SendRefusal extends RuntimeException {

  private final String code;
  private final Instant lastInboundAt;

  public SendRefusal(String code, String reason) {
    this(code, reason, null);
  }

  public SendRefusal(String code, String reason, Instant lastInboundAt) {
    super(reason);
    this.code = code;
    this.lastInboundAt = lastInboundAt;
  }

  public String code() {
    return code;
  }

  public String reason() {
    return getMessage();
  }

  public Instant lastInboundAt() {
    return lastInboundAt;
  }
}
