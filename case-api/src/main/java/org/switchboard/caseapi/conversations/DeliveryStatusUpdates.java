package org.switchboard.caseapi.conversations;

import java.time.Instant;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.DeliveryState;

/** Provider status callbacks (Twilio StatusCallback, Meta statuses, web chat receipts) land here. */
public interface DeliveryStatusUpdates {

  /**
   * Moves the outbound message with this provider id forward; older, repeated or unknown updates are ignored.
   *
   * @param errorCode the provider's error code when {@code state} is FAILED, otherwise null
   * @return true when the message's state changed
   */
  boolean apply(Channel channel, String providerMessageId, DeliveryState state, String errorCode, Instant at);
}
