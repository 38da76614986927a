package org.switchboard.caseapi.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.DeliveryState;

@SwitchboardTest
class DeliveryStatusTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport support;
  @Autowired DeliveryStatusUpdates updates;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void callbacksOnlyMoveAMessageForwardWhateverOrderTheyArriveIn() {
    String providerId = outbound("SENDING");
    Instant t0 = clock.instant();

    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.DELIVERED, null, t0.plusSeconds(2))).isTrue();
    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.SENT, null, t0.plusSeconds(1))).isFalse();
    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.DELIVERED, null, t0.plusSeconds(3))).isFalse();
    Map<String, Object> delivered = row(providerId);
    assertThat(delivered.get("state")).isEqualTo("DELIVERED");
    assertThat(delivered.get("sent_at")).isNotNull();
    assertThat(delivered.get("delivered_at")).isNotNull();
    assertThat(delivered.get("read_at")).isNull();

    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.READ, null, t0.plusSeconds(4))).isTrue();
    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.FAILED, "30008", t0.plusSeconds(5))).isFalse();
    assertThat(row(providerId).get("state")).isEqualTo("READ");
    assertThat(row(providerId).get("error_code")).isNull();
    // Another channel's message with the same provider id is another message.
    assertThat(updates.apply(Channel.WHATSAPP, providerId, DeliveryState.READ, null, t0)).isFalse();
    assertThat(updates.apply(Channel.SMS, "unknown-" + UUID.randomUUID(), DeliveryState.SENT, null, t0)).isFalse();
  }

  @Test
  void aFailureIsFinalAndKeepsTheProviderErrorCode() {
    String providerId = outbound("SENT");
    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.FAILED, "30003", clock.instant())).isTrue();
    assertThat(updates.apply(Channel.SMS, providerId, DeliveryState.DELIVERED, null, clock.instant())).isFalse();
    assertThat(row(providerId).get("state")).isEqualTo("FAILED");
    assertThat(row(providerId).get("error_code")).isEqualTo("30003");
  }

  @Test
  void concurrentCallbacksEndInTheMostAdvancedState() throws Exception {
    String providerId = outbound("SENDING");
    List<DeliveryState> states = List.of(DeliveryState.SENT, DeliveryState.DELIVERED, DeliveryState.READ,
        DeliveryState.SENT, DeliveryState.DELIVERED, DeliveryState.SENT);
    ExecutorService pool = Executors.newFixedThreadPool(states.size());
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      states.forEach(s -> calls.add(() -> updates.apply(Channel.SMS, providerId, s, null, clock.instant())));
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> row = row(providerId);
    assertThat(row.get("state")).isEqualTo("READ");
    assertThat(row.get("sent_at")).isNotNull();
    assertThat(row.get("delivered_at")).isNotNull();
    assertThat(row.get("read_at")).isNotNull();
  }

  private String outbound(String state) {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = support.account(tenant, Channel.SMS, null);
    String providerId = "SM" + UUID.randomUUID().toString().replace("-", "");
    Instant now = clock.instant();
    jdbc.sql("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, provider_message_id, state, attempts,
          created_at, updated_at)
        VALUES (:id, :t, 'SMS', 'OUTBOUND', :a, :p, :s, 0, :now, :now)
        """).param("id", UUID.randomUUID().toString()).param("t", tenant).param("a", account.id())
        .param("p", providerId).param("s", state).param("now", ts(now)).update();
    return providerId;
  }

  private Map<String, Object> row(String providerId) {
    return jdbc.sql("SELECT * FROM message WHERE channel = 'SMS' AND provider_message_id = :p")
        .param("p", providerId).query().singleRow();
  }
}
