package org.switchboard.workers.channels.twilio;

import java.util.Locale;
import java.util.Optional;
import org.switchboard.workers.channels.DeliveryState;

/** Twilio's message statuses (send responses and StatusCallback's {@code MessageStatus}) as delivery states. */
public final class TwilioStatuses {

  private TwilioStatuses() {
  }

  /** Empty for statuses of inbound messages ({@code receiving}, {@code received}) and unknown ones. */
  public static Optional<DeliveryState> toDeliveryState(String status) {
    if (status == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(switch (status.toLowerCase(Locale.ROOT)) {
      case "accepted", "scheduled", "queued" -> DeliveryState.QUEUED;
      case "sending" -> DeliveryState.SENDING;
      case "sent" -> DeliveryState.SENT;
      case "delivered", "partially_delivered" -> DeliveryState.DELIVERED;
      case "read" -> DeliveryState.READ;
      case "failed", "undelivered", "canceled" -> DeliveryState.FAILED;
      default -> null;
    });
  }
}
