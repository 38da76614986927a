package org.switchboard.caseapi.webchat;

import java.time.Instant;

/** A row of {@code webchat_session}; {@code prechat} is still the ciphertext. */
public record WebChatSession(String id, String tenantId, String accountId, String tokenHash, String contactId,
    String prechat, Instant consentAt, Instant createdAt, Instant lastSeenAt, Instant endedAt, String endReason) {

  public boolean ended() {
    return endedAt != null;
  }
}
