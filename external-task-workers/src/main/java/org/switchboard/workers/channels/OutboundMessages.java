package org.switchboard.workers.channels;

/**
 * The send ledger (implemented by case-api on its message table; remote workers reach it over HTTP). A send is
 * claimed before the provider is called and confirmed after, so a job retried after a lock expiry or a crash
 * never reaches the provider twice.
 */
public interface OutboundMessages {

  /**
   * Claims the message for sending.
   *
   * @return {@link Claim.Ready} with the decrypted message; {@link Claim.AlreadySent} when a previous attempt
   *     completed (the worker just completes the job); {@link Claim.InDoubt} when a previous attempt claimed it and
   *     never reported back (the worker must not send again); {@link Claim.Refused} when case-api's own rules
   *     (contact preferences, window, opt-out) refuse it
   */
  Claim claim(String messageId, String jobId);

  /** The provider took the message. */
  void sent(String messageId, SendReceipt receipt);

  /** A business refusal, final. */
  void refused(String messageId, String code, String reason);

  /** A technical failure before the provider took the message: the claim is released for the next attempt. */
  void failed(String messageId, String reason);

  sealed interface Claim {
    record Ready(OutboundMessage message) implements Claim {
    }

    record AlreadySent(String providerMessageId) implements Claim {
    }

    record InDoubt(String since) implements Claim {
    }

    record Refused(String code, String reason) implements Claim {
    }
  }
}
