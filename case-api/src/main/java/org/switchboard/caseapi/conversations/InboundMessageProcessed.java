package org.switchboard.caseapi.conversations;

import org.switchboard.workers.channels.Channel;

/**
 * Published in-process (Spring application event) after an inbound message was committed to its case and contact.
 * Ids only: listeners (opt-out keywords, AI analysis) load what they need through the owning feature. Delivered
 * once per message in the normal case, at least once after a crash: listeners must be idempotent.
 */
public record InboundMessageProcessed(String messageId, String tenantId, String caseId, String contactId,
    Channel channel, String accountId) {
}
