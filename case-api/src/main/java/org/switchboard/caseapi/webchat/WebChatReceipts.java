package org.switchboard.caseapi.webchat;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.switchboard.caseapi.conversations.DeliveryStatusUpdates;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.DeliveryState;

/**
 * Delivered and read receipts from the widget. The message's provider id is its Switchboard id (see
 * {@link WebChatSender}); a receipt can overtake the send ledger's "sent" record (the widget answers while the
 * worker is still completing), so a receipt the ledger did not take is tried again a few times.
 */
@Component
public class WebChatReceipts implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebChatReceipts.class);
  private static final long[] RETRY_DELAYS_MS = {500, 2_000, 10_000, 30_000};

  private final WebChatTranscript transcript;
  private final DeliveryStatusUpdates statusUpdates;
  private final Clock clock;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webchat-receipts");
    t.setDaemon(true);
    return t;
  });

  public WebChatReceipts(WebChatTranscript transcript, DeliveryStatusUpdates statusUpdates, Clock clock) {
    this.transcript = transcript;
    this.statusUpdates = statusUpdates;
    this.clock = clock;
  }

  /** @return false when the message is not an agent message of this session or the state is not a receipt */
  public boolean receive(WebChatSession session, String messageId, String state) {
    DeliveryState delivery = parse(state);
    if (delivery == null || messageId == null) {
      return false;
    }
    boolean own = transcript.find(messageId)
        .filter(e -> e.sessionId().equals(session.id()) && WebChatEntry.OUTBOUND.equals(e.direction()))
        .isPresent();
    if (!own) {
      return false;
    }
    if (delivery == DeliveryState.READ) {
      transcript.advance(messageId, "DELIVERED");
    }
    transcript.advance(messageId, delivery.name());
    apply(messageId, delivery, 0);
    return true;
  }

  private void apply(String messageId, DeliveryState state, int attempt) {
    boolean moved;
    try {
      moved = statusUpdates.apply(Channel.WEBCHAT, messageId, state, null, clock.instant());
    } catch (RuntimeException e) {
      log.warn("Web chat receipt for message {} was not applied", messageId, e);
      moved = false;
    }
    if (!moved && attempt < RETRY_DELAYS_MS.length) {
      retries.schedule(() -> apply(messageId, state, attempt + 1), RETRY_DELAYS_MS[attempt], TimeUnit.MILLISECONDS);
    }
  }

  private static DeliveryState parse(String state) {
    if (state == null) {
      return null;
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "delivered" -> DeliveryState.DELIVERED;
      case "read" -> DeliveryState.READ;
      default -> null;
    };
  }

  @Override
  public void destroy() {
    retries.shutdownNow();
  }
}
