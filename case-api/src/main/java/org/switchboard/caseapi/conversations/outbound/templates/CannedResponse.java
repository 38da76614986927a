package org.switchboard.caseapi.conversations.outbound.templates;

import java.time.Instant;
import java.util.List;

/** A tenant's ready-made answer for agents, any channel; the body may hold {{variables}}. */
public record CannedResponse(String id, String tenantId, String title, String body, List<String> tags,
    Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

  public CannedResponse {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
