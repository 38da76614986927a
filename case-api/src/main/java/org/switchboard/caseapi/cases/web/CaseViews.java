package org.switchboard.caseapi.cases.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.cases.CaseRecord;

/** Turns stored cases into {@link CaseView}s. */
@Component
public class CaseViews {

  private final ObjectMapper mapper;

  public CaseViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public CaseView of(CaseRecord c) {
    return new CaseView(c.id(), c.tenantId(), c.caseType(), c.sector(), c.title(), c.description(), c.status(),
        c.priority(), c.riskLevel(), c.riskScore(), c.team(), c.assignee(), c.channel(), c.contactId(),
        customFields(c),
        c.processInstanceId(), c.firstResponseDueAt(), c.resolutionDueAt(), c.slaBreached(), c.escalated(),
        c.closureReason(), c.outcome(), c.feedbackScore(), c.mergedIntoCaseId(), c.createdAt(), c.createdBy(),
        c.updatedAt(), c.updatedBy(), c.closedAt(), c.version());
  }

  /** The strong validator of this version, as sent in ETag and expected in If-Match. */
  public static String etag(CaseRecord c) {
    return "\"" + c.version() + "\"";
  }

  private JsonNode customFields(CaseRecord c) {
    try {
      return mapper.readTree(c.customFields() == null ? "{}" : c.customFields());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored custom fields of case " + c.id() + " are not JSON", e);
    }
  }
}
