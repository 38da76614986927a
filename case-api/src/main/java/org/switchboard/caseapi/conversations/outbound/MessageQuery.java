package org.switchboard.caseapi.conversations.outbound;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.audit.AuditRecorder;
import org.switchboard.caseapi.cases.CaseAccess;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.web.ApiException;

/** An outbound message for a caller who may see its case; audited. */
@Component
public class MessageQuery {

  private final OutboundMessageStore store;
  private final CaseAccess caseAccess;
  private final AuditRecorder audit;

  public MessageQuery(OutboundMessageStore store, CaseAccess caseAccess, AuditRecorder audit) {
    this.store = store;
    this.caseAccess = caseAccess;
    this.audit = audit;
  }

  public MessageView get(String messageId) {
    OutboundMessageStore.Stored m = store.find(messageId)
        .orElseThrow(() -> ApiException.notFound("Message", messageId));
    CaseRecord c;
    try {
      c = caseAccess.require(m.caseId());
    } catch (ApiException e) {
      throw ApiException.notFound("Message", messageId);
    }
    audit.success(OutboundAuditActions.MESSAGE_VIEWED, c.tenantId(), "message", m.id(), Map.of("caseId", c.id()));
    return MessageView.of(m, store.attachments(m.id()));
  }
}
