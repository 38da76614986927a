package org.switchboard.caseapi.ai.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.ai.results.AiResults;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.botconversation.BotConversationTurn;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The FAQ bot on real inbound messages, through the real ChatbotReply and Summarize paths of the AI gateway's
 * offline providers: it answers what its knowledge base knows, hands the conversation to a person when asked (or,
 * in survivor support, always) with an AI summary on the case, and is silent from then on. Off unless the channel
 * account opts in.
 */
@SwitchboardTest
class ChatbotHandoffTest {

  @Autowired TestFixtures fixtures;
  @Autowired org.switchboard.caseapi.support.ProcessDriver processes;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired AiResults aiResults;
  @Autowired BotHandoffUseCase handoffs;

  @Test
  void theBotAnswersAnFaqThenHandsOverOnRequestWithASummaryAndStaysSilent() {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount account = botAccount(tenant, Channel.SMS, "customer-service-request");
    String from = "+447700900321";

    String question = receive(account, from, "How do I get a refund?");
    String caseId = caseOf(question);
    runTurn(question);

    assertThat(botTurns(question)).isEqualTo(1);
    List<String> replies = outbound(caseId);
    assertThat(replies).hasSize(1);
    assertThat(conversations.body(replies.get(0))).contains("Refunds go back to the original payment method");
    assertThat(changeTypes(caseId)).doesNotContain("BOT_HANDOFF");

    String request = receive(account, from, "Thanks. I want to talk to a person please");
    assertThat(caseOf(request)).as("same conversation, same case").isEqualTo(caseId);
    runTurn(request);

    assertThat(outbound(caseId)).as("no bot answer to a request for a person").hasSize(1);
    JsonNode handoff = historyEntry(tenant, caseId, "BOT_HANDOFF");
    String detail = handoff.path("details").path("detail").asText();
    assertThat(detail).startsWith("REQUESTED_HUMAN summary:");
    String summaryId = detail.substring("REQUESTED_HUMAN summary:".length());
    assertThat(jdbc.sql("SELECT service FROM ai_result WHERE id = :id AND tenant_id = :t").param("id", summaryId)
        .param("t", tenant).query(String.class).single()).isEqualTo("SUMMARY");
    assertThat(aiResults.find(tenant, summaryId).orElseThrow().outputJson()).as("summary of the bot transcript")
        .containsIgnoringCase("refund");
    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE object_id = :c AND action = 'AI_BOT_HANDOFF'")
        .param("c", caseId).query(String.class).single()).contains(summaryId).contains("REQUESTED_HUMAN");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = :c AND event_type = 'BotHandedOff'")
        .param("c", caseId).query(Long.class).single()).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(caseProcess(caseId)).count())
        .as("the case stays with its human intake").isEqualTo(1);

    String after = receive(account, from, "How do I get a refund?");
    assertThat(caseOf(after)).isEqualTo(caseId);
    runTurn(after);
    assertThat(botTurns(after)).as("the bot is silent after the handoff").isZero();
    assertThat(outbound(caseId)).hasSize(1);
    assertThat(changeTypes(caseId).stream().filter("BOT_HANDOFF"::equals)).hasSize(1);
  }

  @Test
  void inSurvivorSupportTheBotAlwaysHandsOverAndNeverWritesToThePerson() {
    String tenant = fixtures.tenant("survivor-support");
    ChannelAccount account = botAccount(tenant, Channel.SMS, "survivor-support");

    String question = receive(account, "+447700900654", "What are your opening hours?");
    String caseId = caseOf(question);
    runTurn(question);

    assertThat(botTurns(question)).isEqualTo(1);
    assertThat(outbound(caseId)).as("a bot never contacts a survivor on its own").isEmpty();
    String detail = historyEntry(tenant, caseId, "BOT_HANDOFF").path("details").path("detail").asText();
    assertThat(detail).startsWith("SECTOR_POLICY summary:");
  }

  @Test
  void theBotIsOffUnlessTheAccountOptsInAndTheTenantsChatbotIsOn() {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount plain = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String m1 = receive(plain, "+447700900987", "How do I get a refund?");
    runTurn(m1);
    assertThat(botTurns(m1)).isZero();
    assertThat(outbound(caseOf(m1))).isEmpty();

    assertThat(fixtures.as(fixtures.admin())
        .put("/api/v1/config/ai-services/chatbot/toggle?tenantId=" + tenant, Map.of("enabled", false)).status())
        .isEqualTo(200);
    ChannelAccount optedIn = botAccount(tenant, Channel.SMS, "customer-service-request");
    String m2 = receive(optedIn, "+447700900988", "How do I get a refund?");
    runTurn(m2);
    assertThat(botTurns(m2)).as("chatbot service switched off for the tenant").isZero();
    assertThat(outbound(caseOf(m2))).isEmpty();
  }

  @Test
  void twoMessagesInQuickSuccessionGetOneAnswerToTheNewest() {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount account = botAccount(tenant, Channel.SMS, "customer-service-request");
    String from = "+447700900431";

    String first = receive(account, from, "hi");
    String second = receive(account, from, "How do I get a refund?");
    String caseId = caseOf(first);
    assertThat(caseOf(second)).isEqualTo(caseId);
    runTurn(first);
    runTurn(second);

    assertThat(botTurns(first)).isEqualTo(1);
    assertThat(ended(first)).as("the older turn stands down").isEqualTo(BotConversationTurn.Elements.END_EVENT_TURN_SKIPPED);
    assertThat(ended(second)).isEqualTo(BotConversationTurn.Elements.END_EVENT_BOT_ANSWERED);
    List<String> replies = outbound(caseId);
    assertThat(replies).as("one answer, not two").hasSize(1);
    assertThat(conversations.body(replies.get(0))).contains("Refunds go back to the original payment method");
    assertThat(changeTypes(caseId)).doesNotContain("BOT_HANDOFF");
  }

  @Test
  void onceAnAgentWritesToTheContactTheBotStaysSilent() {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount account = botAccount(tenant, Channel.SMS, "customer-service-request");
    String from = "+447700900432";
    String question = receive(account, from, "How do I get a refund?");
    String caseId = caseOf(question);
    String contactId = jdbc.sql("SELECT contact_id FROM message WHERE id = :id").param("id", question)
        .query(String.class).single();

    var sent = fixtures.as(fixtures.agent(tenant)).post("/api/v1/communications/sms/send", Map.of("caseId", caseId,
        "recipient", Map.of("contactId", contactId), "text", "Hello, this is Sam from the refunds team."));
    assertThat(sent.status()).as(sent.text()).isIn(200, 201, 202);
    runTurn(question);

    assertThat(ended(question)).as("the waiting turn sees the agent's message")
        .isEqualTo(BotConversationTurn.Elements.END_EVENT_TURN_SKIPPED);
    assertThat(outbound(caseId)).as("only the agent's message").hasSize(1);

    String next = receive(account, from, "How do I get a refund?");
    runTurn(next);
    assertThat(botTurns(next)).as("no bot turn once a person answers the case").isZero();
    assertThat(outbound(caseId)).hasSize(1);
  }

  @Test
  void twoTurnsHandingOffAtOnceLeaveOneHandoff() throws Exception {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount account = botAccount(tenant, Channel.SMS, "customer-service-request");
    String message = receive(account, "+447700900433", "I want to talk to a person");
    String caseId = caseOf(message);
    String conversationId = jdbc.sql("SELECT conversation_id FROM message WHERE id = :id").param("id", message)
        .query(String.class).single();

    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          handoffs.handOff(new BotHandoffUseCase.Handoff(caseId, conversationId, message, false, null), "system");
          return null;
        }));
      }
      start.countDown();
      for (var run : runs) {
        run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(changeTypes(caseId).stream().filter("BOT_HANDOFF"::equals)).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE object_id = :c AND action = 'AI_BOT_HANDOFF'")
        .param("c", caseId).query(Long.class).single()).isEqualTo(1);
  }

  private String ended(String messageId) {
    return history.createHistoricActivityInstanceQuery()
        .processInstanceId(history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(BotConversationTurn.PROCESS_KEY).processInstanceBusinessKey(messageId).singleResult()
            .getId())
        .activityType("noneEndEvent").singleResult().getActivityId();
  }

  private ChannelAccount botAccount(String tenant, Channel channel, String caseType) {
    return conversations.account(tenant, channel, caseType, "twilio",
        Map.of(BotConversationTrigger.ACCOUNT_SETTING, "true"));
  }

  private String receive(ChannelAccount account, String from, String text) {
    String messageId = conversations.accept(conversations.message(account, from, text)).messageId();
    assertThat(inbound.process(messageId)).as("processing of %s", messageId)
        .isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    return messageId;
  }

  private void runTurn(String messageId) {
    processes.runProcessesOf(messageId);
  }

  private long botTurns(String messageId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(BotConversationTurn.PROCESS_KEY)
        .processInstanceBusinessKey(messageId).count();
  }

  private String caseOf(String messageId) {
    return jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  private String caseProcess(String caseId) {
    return jdbc.sql("SELECT process_instance_id FROM case_record WHERE id = :c").param("c", caseId)
        .query(String.class).single();
  }

  private List<String> outbound(String caseId) {
    return jdbc.sql("SELECT id FROM message WHERE case_id = :c AND direction = 'OUTBOUND' ORDER BY created_at")
        .param("c", caseId).query(String.class).list();
  }

  private List<String> changeTypes(String caseId) {
    return jdbc.sql("SELECT change_type FROM case_change WHERE case_id = :c").param("c", caseId).query(String.class)
        .list();
  }

  private JsonNode historyEntry(String tenant, String caseId, String type) {
    var response = fixtures.as(fixtures.agent(tenant)).get("/api/v1/cases/" + caseId + "/history");
    assertThat(response.status()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    response.json().path("items").forEach(item -> {
      if (type.equals(item.path("type").asText())) {
        found.add(item);
      }
    });
    assertThat(found).as("%s in the case history", type).hasSize(1);
    return found.get(0);
  }
}
