package org.switchboard.workers.remote;

import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessages.Claim;

/** JSON of case-api's internal send-ledger endpoints, shared by the endpoints and their HTTP client. */
public final class LedgerWire {

  private LedgerWire() {
  }

  public enum ClaimStatus { READY, ALREADY_SENT, IN_DOUBT, REFUSED }

  /**
   * A claim's answer: {@code message} when READY, {@code providerMessageId} when ALREADY_SENT, {@code since} when
   * IN_DOUBT, {@code code} and {@code reason} when REFUSED.
   */
  public record ClaimResult(ClaimStatus status, OutboundMessage message, String providerMessageId, String since,
      String code, String reason) {

    public static ClaimResult of(Claim claim) {
      if (claim instanceof Claim.Ready ready) {
        return new ClaimResult(ClaimStatus.READY, ready.message(), null, null, null, null);
      }
      if (claim instanceof Claim.AlreadySent sent) {
        return new ClaimResult(ClaimStatus.ALREADY_SENT, null, sent.providerMessageId(), null, null, null);
      }
      if (claim instanceof Claim.InDoubt inDoubt) {
        return new ClaimResult(ClaimStatus.IN_DOUBT, null, null, inDoubt.since(), null, null);
      }
      Claim.Refused refused = (Claim.Refused) claim;
      return new ClaimResult(ClaimStatus.REFUSED, null, null, null, refused.code(), refused.reason());
    }

    public Claim toClaim() {
      return switch (status) {
        case READY -> new Claim.Ready(message);
        case ALREADY_SENT -> new Claim.AlreadySent(providerMessageId);
        case IN_DOUBT -> new Claim.InDoubt(since);
        case REFUSED -> new Claim.Refused(code, reason);
      };
    }
  }
}
