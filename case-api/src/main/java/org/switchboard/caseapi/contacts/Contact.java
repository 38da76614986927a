package org.switchboard.caseapi.contacts;

import java.time.Instant;

/** A person Switchboard holds data about (a data subject). After erasure only ids and dates remain. */
public record Contact(
    String id,
    String tenantId,
    String displayName,
    String phoneE164,
    String email,
    Instant createdAt,
    String createdBy,
    Instant erasedAt) {

  public boolean erased() {
    return erasedAt != null;
  }
}
