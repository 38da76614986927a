package org.switchboard.caseapi.channels.email;

import java.util.List;
import org.switchboard.caseapi.conversations.InboundMessage;

/**
 * An email taken apart: threading headers as canonical Message-IDs, the readable body (text/plain preferred, HTML
 * converted when there is nothing else) and every attachment or inline image with its content.
 */
record ParsedEmail(String messageId, String fromAddress, String fromName, String subject, String body,
    String inReplyTo, List<String> references, List<InboundMessage.Media> media) {
}
