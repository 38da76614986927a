package org.switchboard.caseapi.webchat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;

/**
 * Sends agent messages to web chat visitors (WEBCHAT accounts, provider {@code webchat}). The recipient is the
 * chat session id. The message is stored in the session's transcript first (so an offline visitor gets it on
 * reconnect, and another node's socket through {@link WebChatPushJob}), then pushed to this node's open sockets.
 * The provider message id is Switchboard's message id; the widget's delivered/read receipts move it on.
 * Runs in case-api only: it needs the sockets, so the SendWebChat topic is always worked in-process.
 */
@Component
public class WebChatSender implements ChannelSender {

  public static final String PROVIDER = "webchat";

  private final WebChatSessions sessions;
  private final WebChatTranscript transcript;
  private final WebChatHub hub;
  private final Clock clock;

  public WebChatSender(WebChatSessions sessions, WebChatTranscript transcript, WebChatHub hub, Clock clock) {
    this.sessions = sessions;
    this.transcript = transcript;
    this.hub = hub;
    this.clock = clock;
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return account.channel() == Channel.WEBCHAT && PROVIDER.equals(account.provider());
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    WebChatSession session = sessions.find(message.recipient())
        .filter(s -> s.tenantId().equals(message.tenantId()) && s.accountId().equals(message.account().id()))
        .orElseThrow(() -> new SendRefusedException(RefusalCodes.INVALID_RECIPIENT,
            "No web chat session with this id on this account"));
    if (!sessions.live(session)) {
      throw new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, "The visitor has left the web chat");
    }
    if (message.body() == null || message.body().isBlank()) {
      throw new SendRefusedException(RefusalCodes.INVALID_RECIPIENT, "A web chat message needs a text");
    }
    sessions.linkContact(session.id());
    Instant now = clock.instant();
    WebChatEntry entry = new WebChatEntry(message.messageId(), session.id(), session.tenantId(),
        WebChatEntry.OUTBOUND, null, message.body(), "SENT", now, null);
    transcript.add(entry);
    WebChatEntry stored = transcript.find(message.messageId()).orElse(entry);
    Map<String, Object> frame = WebChatSocketHandler.entryFrame(stored);
    if (hub.push(session.id(), frame) > 0) {
      transcript.markPushed(stored.id(), now);
    }
    return new SendReceipt(message.messageId(), DeliveryState.SENT);
  }
}
