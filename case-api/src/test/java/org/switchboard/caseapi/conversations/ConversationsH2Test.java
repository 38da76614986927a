package org.switchboard.caseapi.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.caseapi.shared.Jdbc.ts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.conversations.delivery.JdbcDeliveryStatusUpdates;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.outbox.Outbox;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.DeliveryState;

/** The embedded default (H2) runs the conversation SQL too: claiming, duplicates, conversations, delivery states. */
class ConversationsH2Test {

  @Test
  void theConversationStatementsWorkOnH2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:conversations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
        .table("switchboard_schema_history").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    insert(jdbc, "m-1", "INBOUND", "p-1", "RECEIVED", now.minusSeconds(5));
    insert(jdbc, "m-2", "INBOUND", "p-2", "RECEIVED", now.plusSeconds(60));
    assertThatThrownBy(() -> insert(jdbc, "m-3", "INBOUND", "p-1", "RECEIVED", now))
        .isInstanceOf(DuplicateKeyException.class);
    List<String> claimed = tx.execute(s -> jdbc.sql(InboundProcessor.CLAIM).param("now", ts(now)).param("n", 10)
        .query(String.class).list());
    assertThat(claimed).containsExactly("m-1");

    ConversationRepository conversations = new ConversationRepository(jdbc);
    String id = conversations.findOrCreate("t", Channel.SMS, "a", "c", "case", now);
    assertThat(conversations.findOrCreate("t", Channel.SMS, "a", "c", "case", now)).isEqualTo(id);
    conversations.messageAdded(id, "m-1", now, true, now);
    conversations.messageAdded(id, "m-0", now.minusSeconds(10), true, now);
    var c = conversations.findById(id).orElseThrow();
    assertThat(c.lastMessageId()).isEqualTo("m-1");
    assertThat(c.unreadCount()).isEqualTo(2);
    assertThat(conversations.markRead(id, now)).isEqualTo(1);
    assertThat(conversations.findById(id).orElseThrow().unreadCount()).isZero();

    insert(jdbc, "o-1", "OUTBOUND", "SM1", "SENDING", null);
    JdbcDeliveryStatusUpdates updates = new JdbcDeliveryStatusUpdates(jdbc, tx,
        new Outbox(jdbc, new ObjectMapper().findAndRegisterModules(), event -> { }),
        Clock.fixed(now, ZoneOffset.UTC));
    assertThat(updates.apply(Channel.SMS, "SM1", DeliveryState.DELIVERED, null, now)).isTrue();
    assertThat(updates.apply(Channel.SMS, "SM1", DeliveryState.SENT, null, now)).isFalse();
    assertThat(jdbc.sql("SELECT state FROM message WHERE id = 'o-1'").query(String.class).single())
        .isEqualTo("DELIVERED");
  }

  private static void insert(JdbcClient jdbc, String id, String direction, String providerId, String state,
      Instant next) {
    Instant at = Instant.parse("2026-11-26T09:00:00Z");
    jdbc.sql("""
        INSERT INTO message (id, tenant_id, channel, direction, account_id, provider_message_id, state, attempts,
          next_attempt_at, created_at, updated_at)
        VALUES (:id, 't', 'SMS', :d, 'a', :p, :s, 0, :next, :at, :at)
        """).param("id", id).param("d", direction).param("p", providerId).param("s", state)
        .param("next", ts(next)).param("at", ts(at)).update();
  }
}
