package org.switchboard.caseapi.conversations;

import java.time.Instant;
import java.util.List;
import org.switchboard.workers.channels.Channel;

/**
 * A message as a channel adapter (webhook, IMAP poller, web chat socket) received it, after its signature was
 * verified and before anything else happened to it.
 *
 * @param accountId the tenant's channel account it arrived on (decides tenant and case type)
 * @param providerMessageId the provider's id (Twilio MessageSid, Meta wamid/mid, email Message-ID, web chat
 *     client message id); unique per channel, so redeliveries are recognised
 * @param from sender handle: E.164 number, email address, Meta user id, web chat session id
 * @param to the account's address the message was sent to
 * @param subject email only
 * @param inReplyTo email only: In-Reply-To; {@code references} the References chain
 * @param media attachments to fetch (URL) or already in hand (content)
 * @param rawPayload the provider's payload as received, kept (encrypted) for audit and reprocessing
 */
public record InboundMessage(String accountId, Channel channel, String providerMessageId, String from, String to,
    String senderName, String subject, String body, String inReplyTo, List<String> references, List<Media> media,
    Instant receivedAt, String rawPayload) {

  public InboundMessage {
    references = references == null ? List.of() : List.copyOf(references);
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** An attachment: either a provider URL to fetch (with the account's credentials) or the content itself. */
  public record Media(String url, String contentType, String fileName, byte[] content) {
  }
}
