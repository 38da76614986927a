package org.switchboard.caseapi.conversations.outbound;

import java.time.Instant;
import java.util.List;
import org.switchboard.workers.channels.Channel;

/**
 * An outbound message as the API shows it: ids, state and content, never the recipient's address.
 *
 * @param mode SESSION (free-form) or TEMPLATE (an approved WhatsApp template, outside the 24-hour window)
 * @param errorCode a refusal code (docs/outbound.md) or the provider's error code
 */
public record MessageView(String id, String caseId, String contactId, Channel channel, String accountId,
    String state, String mode, String templateName, String subject, String body, List<String> attachments,
    String errorCode, String errorReason, String providerMessageId, String createdBy, Instant createdAt,
    Instant sentAt, Instant deliveredAt, Instant readAt) {

  static MessageView of(OutboundMessageStore.Stored m, List<OutboundMessageStore.Attachment> attachments) {
    return new MessageView(m.id(), m.caseId(), m.contactId(), m.channel(), m.accountId(), m.state(),
        m.templateName() == null ? "SESSION" : "TEMPLATE", m.templateName(), m.subject(), m.body(),
        attachments.stream().map(OutboundMessageStore.Attachment::documentId).toList(), m.errorCode(),
        m.errorReason(), m.providerMessageId(), m.createdBy(), m.createdAt(), m.sentAt(), m.deliveredAt(),
        m.readAt());
  }
}
