package org.switchboard.workers.channels;

/**
 * Talks to one provider. Called by the send workers after the idempotency claim; never called twice for one
 * message id unless the first call is known to have failed before reaching the provider.
 */
public interface ChannelSender {

  /** Which accounts this sender serves. */
  boolean supports(ChannelAccount account);

  /**
   * Sends the message.
   *
   * @return the provider's message id and initial delivery state
   * @throws SendRefusedException when the provider or a channel rule refuses the message for a business reason
   * @throws TransientSendException when a retry may succeed (timeouts, 5xx, 429)
   */
  SendReceipt send(OutboundMessage message);
}
