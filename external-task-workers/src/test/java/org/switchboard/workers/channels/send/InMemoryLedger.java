package org.switchboard.workers.channels.send;

import java.util.HashMap;
import java.util.Map;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.SendReceipt;

/** The ledger's contract in memory: a claim stays in doubt until sent, refused or failed is reported. */
class InMemoryLedger implements OutboundMessages {

  enum State { QUEUED, CLAIMED, SENT, REFUSED }

  final Map<String, OutboundMessage> messages = new HashMap<>();
  final Map<String, State> states = new HashMap<>();
  final Map<String, String> providerIds = new HashMap<>();
  final Map<String, String> refusals = new HashMap<>();
  /** Rules of case-api that refuse a message at claim time (preferences, window, opt-out). */
  final Map<String, String> claimRefusals = new HashMap<>();
  boolean failOnSent;

  synchronized void add(OutboundMessage message) {
    messages.put(message.messageId(), message);
    states.put(message.messageId(), State.QUEUED);
  }

  @Override
  public synchronized Claim claim(String messageId, String jobId) {
    if (claimRefusals.containsKey(messageId)) {
      return new Claim.Refused(claimRefusals.get(messageId), "refused by contact preferences");
    }
    return switch (states.get(messageId)) {
      case SENT -> new Claim.AlreadySent(providerIds.get(messageId));
      case CLAIMED -> new Claim.InDoubt("2026-11-26T09:00:00Z");
      case REFUSED -> new Claim.Refused(refusals.get(messageId), "refused earlier");
      case QUEUED -> {
        states.put(messageId, State.CLAIMED);
        yield new Claim.Ready(messages.get(messageId));
      }
    };
  }

  @Override
  public synchronized void sent(String messageId, SendReceipt receipt) {
    if (failOnSent) {
      throw new IllegalStateException("database went away");
    }
    states.put(messageId, State.SENT);
    providerIds.put(messageId, receipt.providerMessageId());
  }

  @Override
  public synchronized void refused(String messageId, String code, String reason) {
    states.put(messageId, State.REFUSED);
    refusals.put(messageId, code);
  }

  @Override
  public synchronized void failed(String messageId, String reason) {
    states.put(messageId, State.QUEUED);
  }
}
