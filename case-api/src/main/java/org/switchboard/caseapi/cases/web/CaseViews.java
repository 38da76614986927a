package org.switchboard.caseapi.cases.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.identity.CurrentUser;
import org.switchboard.caseapi.masking.MaskingPolicy;

/** Turns stored cases into {@link CaseView}s. */
@Component
public class CaseViews {

  private final ObjectMapper mapper;
  private final MaskingPolicy masking;

  public CaseViews(ObjectMapper mapper, MaskingPolicy masking) {
    this.mapper = mapper;
    this.masking = masking;
  }

  /** The case as the current caller may see it: sensitive values masked per {@link MaskingPolicy}. */
  public CaseView of(CaseRecord c) {
    MaskingPolicy.MaskedCase shown = masking.mask(c.tenantId(), c.caseType(), c.description(), customFields(c),
        CurrentUser.get());
    return new CaseView(c.id(), c.tenantId(), c.caseType(), c.sector(), c.title(), shown.description(), c.status(),
        c.priority(), c.riskLevel(), c.riskScore(), c.team(), c.assignee(), c.channel(), c.contactId(), shown.customFields(),
        c.processInstanceId(), c.firstResponseDueAt(), c.resolutionDueAt(), c.slaBreached(), c.escalated(),
        c.closureReason(), c.outcome(), c.feedbackScore(), c.mergedIntoCaseId(), c.createdAt(), c.createdBy(),
        c.updatedAt(), c.updatedBy(), c.closedAt(), c.version(), shown.masked(),
        c.anonymous());
  }

  /** The strong validator of this version, as sent in ETag and expected in If-Match. */
  public static String etag(CaseRecord c) {
    return "\"" + c.version() + "\"";
  }

  private ObjectNode customFields(CaseRecord c) {
    try {
      JsonNode node = mapper.readTree(c.customFields() == null ? "{}" : c.customFields());
      return node instanceof ObjectNode object ? object : mapper.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored custom fields of case " + c.id() + " are not JSON", e);
    }
  }
}
