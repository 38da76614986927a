package org.switchboard.caseapi.conversations.delivery;

import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.conversations.DeliveryStatusUpdates;
import org.switchboard.caseapi.outbox.DomainEvent;
import org.switchboard.caseapi.outbox.EventTypes;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.DeliveryState;

/**
 * Applies delivery callbacks with a conditional UPDATE: the row changes only if its state is still one the new
 * state may follow ({@link DeliveryState#canMoveTo}), so concurrent and out-of-order callbacks (delivered before
 * sent, a late sent after read) can never move a message backwards. Timestamps of skipped states are filled in
 * (a delivered message was sent), never overwritten.
 */
@Component
public class JdbcDeliveryStatusUpdates implements DeliveryStatusUpdates {

  private static final Logger log = LoggerFactory.getLogger(JdbcDeliveryStatusUpdates.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Outbox outbox;
  private final Clock clock;

  public JdbcDeliveryStatusUpdates(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public boolean apply(Channel channel, String providerMessageId, DeliveryState state, String errorCode, Instant at) {
    if (channel == null || providerMessageId == null || state == null) {
      return false;
    }
    Instant when = at == null ? clock.instant() : at;
    List<String> from = new ArrayList<>();
    for (DeliveryState s : DeliveryState.values()) {
      if (s.canMoveTo(state)) {
        from.add(s.name());
      }
    }
    if (from.isEmpty()) {
      return false;
    }
    // A send whose outcome was unknown (IN_DOUBT) is settled by any callback: the provider has it.
    from.add("IN_DOUBT");
    Boolean changed = transaction.execute(s -> {
      Optional<Map<String, Object>> row = jdbc.sql("""
          SELECT id, tenant_id, case_id FROM message
          WHERE channel = :c AND provider_message_id = :p AND direction = 'OUTBOUND'
          """).param("c", channel.name()).param("p", providerMessageId).query().listOfRows().stream().findFirst();
      if (row.isEmpty()) {
        log.debug("Delivery update for an unknown {} message ignored", channel);
        return false;
      }
      String id = (String) row.get().get("id");
      int updated = jdbc.sql("""
          UPDATE message SET state = :state,
            sent_at = CASE WHEN :sent AND sent_at IS NULL THEN :at ELSE sent_at END,
            delivered_at = CASE WHEN :delivered AND delivered_at IS NULL THEN :at ELSE delivered_at END,
            read_at = CASE WHEN :read AND read_at IS NULL THEN :at ELSE read_at END,
            error_code = CASE WHEN :failed THEN :error ELSE error_code END,
            updated_at = :now
          WHERE id = :id AND state IN (:from)
          """).param("id", id).param("state", state.name()).param("from", from)
          .param("sent", state == DeliveryState.SENT || state == DeliveryState.DELIVERED || state == DeliveryState.READ)
          .param("delivered", state == DeliveryState.DELIVERED || state == DeliveryState.READ)
          .param("read", state == DeliveryState.READ)
          .param("failed", state == DeliveryState.FAILED)
          .param("error", errorCode == null ? null : errorCode.length() > 100 ? errorCode.substring(0, 100) : errorCode)
          .param("at", ts(when)).param("now", ts(clock.instant()))
          .update();
      if (updated == 0) {
        return false;
      }
      String caseId = (String) row.get().get("case_id");
      if (caseId != null) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", id);
        payload.put("state", state.name());
        if (state == DeliveryState.FAILED && errorCode != null) {
          payload.put("errorCode", errorCode);
        }
        outbox.append(DomainEvent.ofCase(EventTypes.MESSAGE_DELIVERY_UPDATED, (String) row.get().get("tenant_id"),
            caseId, clock.instant(), payload));
      }
      return true;
    });
    return Boolean.TRUE.equals(changed);
  }
}
