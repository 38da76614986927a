package org.switchboard.workers.channels;

import java.util.List;
import java.util.Map;

/**
 * A message ready to leave, as a sender needs it: decrypted content and addresses, held in memory only for the
 * duration of the send. Never log it.
 *
 * @param messageId Switchboard's message id; also the idempotency key of the send
 * @param account the tenant's channel account the message leaves from
 * @param recipient E.164 number, email address, Meta user id (PSID/IGSID/WhatsApp id) or web chat session id
 * @param subject email only
 * @param body text; for WhatsApp template sends the rendered preview, the template is in {@code templateName}
 * @param templateName a provider-approved template (WhatsApp outside the 24-hour window), otherwise null
 * @param templateParameters positional parameters of the template
 * @param inReplyTo email threading: Message-ID of the message answered, otherwise null
 * @param references email threading: the References chain, oldest first
 */
public record OutboundMessage(String messageId, String tenantId, String caseId, Channel channel,
    ChannelAccount account, String recipient, String subject, String body, String templateName,
    List<String> templateParameters, String inReplyTo, List<String> references, List<Attachment> attachments,
    Map<String, String> headers) {

  public OutboundMessage {
    templateParameters = templateParameters == null ? List.of() : List.copyOf(templateParameters);
    references = references == null ? List.of() : List.copyOf(references);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /**
   * A file to send. {@code publicUrl} is set when the provider fetches media itself (Twilio MMS, WhatsApp link
   * media): a short-lived signed URL served by the app.
   */
  public record Attachment(String documentId, String fileName, String contentType, byte[] content, String publicUrl) {
  }
}
