package org.switchboard.caseapi.webchat;

import java.time.Instant;

/**
 * One message of a session as the widget shows it, decrypted.
 *
 * @param id the message table's id of the message
 * @param direction {@link #INBOUND} (from the visitor) or {@link #OUTBOUND} (from an agent)
 * @param state SENT, DELIVERED or READ
 */
public record WebChatEntry(String id, String sessionId, String tenantId, String direction, String clientMessageId,
    String text, String state, Instant createdAt, Instant pushedAt) {

  public static final String INBOUND = "INBOUND";
  public static final String OUTBOUND = "OUTBOUND";
}
