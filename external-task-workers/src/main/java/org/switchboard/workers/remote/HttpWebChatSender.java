package org.switchboard.workers.remote;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.SendRefusedException;
import org.switchboard.workers.channels.TransientSendException;

/**
 * Web chat replies from a remote worker: the visitors' sockets live in case-api, so the claimed message is handed
 * back to it ({@code POST /api/v1/internal/webchat/deliver}), which pushes it like the in-process sender does.
 * Only the worker app registers this sender; in-process, case-api's own web chat sender serves these accounts.
 */
public class HttpWebChatSender implements ChannelSender {

  static final String PATH = "/api/v1/internal/webchat/deliver";

  private final RestClient http;

  public HttpWebChatSender(RestClient http) {
    this.http = http;
  }

  /** What case-api answers: a receipt, or the refusal's code and reason. */
  public record Delivery(String providerMessageId, DeliveryState state, String refusedCode, String reason) {
  }

  @Override
  public boolean supports(ChannelAccount account) {
    return account.channel() == Channel.WEBCHAT && "webchat".equals(account.provider());
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    Delivery delivery;
    try {
      delivery = http.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).body(message).retrieve()
          .body(Delivery.class);
    } catch (HttpClientErrorException e) {
      // A 4xx means case-api will not take this message (unknown tenant for this account, bad shape): retrying
      // cannot help, and nothing reached the visitor.
      throw new SendRefusedException("CHANNEL_NOT_CONFIGURED", "case-api refused the web chat delivery: HTTP "
          + e.getStatusCode().value());
    } catch (RestClientException e) {
      throw new TransientSendException("case-api could not be reached for a web chat delivery", e);
    }
    if (delivery == null) {
      throw new TransientSendException("case-api answered a web chat delivery with nothing", null);
    }
    if (delivery.refusedCode() != null) {
      throw new SendRefusedException(delivery.refusedCode(), delivery.reason());
    }
    return new SendReceipt(delivery.providerMessageId(), delivery.state());
  }
}
