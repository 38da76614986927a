package org.switchboard.workers.remote;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.SendReceipt;

/**
 * The send ledger of case-api over HTTP, for remote workers ({@code /api/v1/internal/outbound-messages}). Any
 * failure of these calls is thrown: before the provider call it fails the job for a retry; after it, the claim
 * stays in doubt and the retry stops at {@code SEND_IN_DOUBT} instead of sending twice.
 */
public class HttpOutboundMessages implements OutboundMessages {

  static final String PATH = "/api/v1/internal/outbound-messages/{messageId}/";

  private final RestClient http;

  public HttpOutboundMessages(RestClient http) {
    this.http = http;
  }

  @Override
  public Claim claim(String messageId, String jobId) {
    LedgerWire.ClaimResult result = http.post().uri(PATH + "claim", messageId)
        .contentType(MediaType.APPLICATION_JSON).body(new ClaimBody(jobId))
        .retrieve().body(LedgerWire.ClaimResult.class);
    if (result == null || result.status() == null) {
      throw new IllegalStateException("case-api answered a claim of message " + messageId + " without a status");
    }
    return result.toClaim();
  }

  @Override
  public void sent(String messageId, SendReceipt receipt) {
    post(messageId, "sent", new SentBody(receipt.providerMessageId(), receipt.state()));
  }

  @Override
  public void refused(String messageId, String code, String reason) {
    post(messageId, "refused", new RefusedBody(code, reason));
  }

  @Override
  public void failed(String messageId, String reason) {
    post(messageId, "failed", new FailedBody(reason));
  }

  private void post(String messageId, String action, Object body) {
    http.post().uri(PATH + action, messageId).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toBodilessEntity();
  }

  record ClaimBody(String jobId) {
  }

  record SentBody(String providerMessageId, DeliveryState state) {
  }

  record RefusedBody(String code, String reason) {
  }

  record FailedBody(String reason) {
  }
}
