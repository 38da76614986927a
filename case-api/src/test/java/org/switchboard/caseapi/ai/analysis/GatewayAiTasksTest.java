package org.switchboard.caseapi.ai.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.tasks.AiTasks;
import org.switchboard.workers.channels.Channel;

/**
 * The AI topics element templates offer beyond risk analysis (intent, summary, translation) through the real
 * gateway with the offline providers a new organisation starts with.
 */
@SwitchboardTest
class GatewayAiTasksTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired AiTasks tasks;
  @Autowired JdbcClient jdbc;

  @Test
  void intentSummaryAndTranslationOfAMessage() {
    String tenant = fixtures.tenant("customer-service");
    var account = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String messageId = conversations.accept(conversations.message(account, "+447700900321",
        "I want a refund for my order, the parcel never arrived")).messageId();
    assertThat(inbound.process(messageId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    String caseId = jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId)
        .query(String.class).single();

    AiTasks.IntentFacts intent = tasks.classifyIntent(tenant, messageId);
    assertThat(intent.available()).isTrue();
    assertThat(intent.intent()).isEqualTo("refund");
    assertThat(intent.resultId()).isNotBlank();

    AiTasks.ResultFacts summary = tasks.summarize(tenant, caseId);
    assertThat(summary.available()).isTrue();
    assertThat(jdbc.sql("SELECT service FROM ai_result WHERE id = :id").param("id", summary.resultId())
        .query(String.class).single()).isEqualTo("SUMMARY");

    // No translator works offline: until a tenant configures one, the task fails technically (retries, then an
    // incident naming the reason), it never pretends to have translated.
    assertThat(catchThrowable(() -> tasks.translate(tenant, messageId, "es")))
        .isInstanceOf(AiUnavailableException.class);
  }
}
