package org.switchboard.caseapi.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.knowledgebase.KnowledgeBaseApiTest.article;
import static org.switchboard.caseapi.knowledgebase.KnowledgeBaseApiTest.created;
import static org.switchboard.caseapi.knowledgebase.KnowledgeBaseApiTest.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.ai.chatbot.BotConversationTrigger;
import org.switchboard.caseapi.ai.results.AiResults;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.botconversation.BotConversationTurn;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The tenant's own articles, written through the API, on the real ChatbotReply path (offline FAQ bot through the
 * gateway, real workers) and in next best action: they answer instead of the shipped FAQ, a change counts from the
 * next turn, and the shipped FAQ stands in only while the tenant has no published article.
 */
@SwitchboardTest
class KnowledgeBaseAnswersTest {

  private static final String ARTICLES = "/api/v1/knowledge-base/articles";

  @Autowired TestFixtures fixtures;
  @Autowired org.switchboard.caseapi.support.ProcessDriver processes;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired AiResults aiResults;

  @Test
  void theBotAnswersFromAnArticleWrittenThroughTheApiAndStopsOnceItIsArchived() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ChannelAccount account = botAccount(tenant);

    String before = receive(account, "+447700900401", "Do you have a loyalty card?");
    runTurn(before);
    assertThat(botTurns(before)).isEqualTo(1);
    assertThat(replies(caseOf(before))).as("no article yet, nothing in the shipped FAQ about loyalty").isEmpty();

    JsonNode loyalty = created(admin.post(ARTICLES, article("Do you have a loyalty card?",
        "Yes: our loyalty card is free, ask for one at any till.", "en", "PUBLISHED",
        List.of("How do I join the rewards programme?", "Do you have a rewards scheme?"), List.of("loyalty"))));
    created(admin.post(ARTICLES, article("Where is your nearest shop?",
        "Find every shop and its opening hours on our store finder.", "en", "PUBLISHED",
        List.of("Where are your stores?"), List.of("stores"))));

    String question = receive(account, "+447700900402", "How do I join your rewards programme?");
    runTurn(question);
    List<String> answers = replies(caseOf(question));
    assertThat(answers).hasSize(1);
    assertThat(conversations.body(answers.get(0))).isEqualTo("Yes: our loyalty card is free, ask for one at any till.");
    String resultId = jdbc.sql("""
        SELECT id FROM ai_result WHERE tenant_id = :t AND service = 'CHATBOT' AND object_id = :c""")
        .param("t", tenant).param("c", caseOf(question)).query(String.class).single();
    assertThat(aiResults.find(tenant, resultId).orElseThrow().outputJson()).as("the article id is what matched")
        .contains(loyalty.path("id").asText());

    String refund = receive(account, "+447700900403", "How do I get a refund?");
    runTurn(refund);
    assertThat(botTurns(refund)).isEqualTo(1);
    assertThat(replies(caseOf(refund))).as("the shipped FAQ stands in only while the tenant has no article")
        .isEmpty();

    Map<String, Object> archive = article("Do you have a loyalty card?",
        "Yes: our loyalty card is free, ask for one at any till.", "en", "ARCHIVED",
        List.of("How do I join the rewards programme?", "Do you have a rewards scheme?"), List.of("loyalty"));
    archive.put("version", 1);
    ok(admin.put(ARTICLES + "/" + loyalty.path("id").asText(), archive));

    String after = receive(account, "+447700900404", "How do I join your rewards programme?");
    runTurn(after);
    assertThat(botTurns(after)).isEqualTo(1);
    assertThat(replies(caseOf(after))).as("an archived article answers no one, from the next turn on").isEmpty();
  }

  @Test
  void aSpanishMessageIsAnsweredFromTheSpanishArticle() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ChannelAccount account = botAccount(tenant);
    created(admin.post(ARTICLES, article("Do you deliver on Sundays?", "Yes, we deliver seven days a week.", "en",
        "PUBLISHED", List.of("Is there delivery at the weekend?"), List.of())));
    created(admin.post(ARTICLES, article("¿Entregan los domingos?", "Sí, entregamos los siete días de la semana.",
        "es", "PUBLISHED", List.of("¿Hay entregas el fin de semana?"), List.of())));

    String question = receive(account, "+447700900405", "Hola, ¿ustedes entregan pedidos los domingos?");
    runTurn(question);

    List<String> answers = replies(caseOf(question));
    assertThat(answers).hasSize(1);
    assertThat(conversations.body(answers.get(0))).isEqualTo("Sí, entregamos los siete días de la semana.");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_result WHERE tenant_id = :t AND service = 'LANGUAGE'")
        .param("t", tenant).query(Long.class).single()).as("articles in two languages: the language was asked")
        .isEqualTo(1);
  }

  @Test
  void nextBestActionSuggestsTheTenantsArticleById() {
    String tenant = fixtures.tenant("customer-service");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    String articleId = created(admin.post(ARTICLES, article("Do you have a loyalty card?",
        "Yes: our loyalty card is free, ask for one at any till.", "en", "PUBLISHED",
        List.of("How do I join the rewards programme?"), List.of("loyalty")))).path("id").asText();
    ChannelAccount account = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String caseId = caseOf(receive(account, "+447700900406", "Hi, how can I join the rewards programme?"));

    JsonNode body = ok(fixtures.as(fixtures.agent(tenant)).get("/api/v1/cases/" + caseId + "/next-best-actions"));

    JsonNode best = body.path("knowledgeBase").get(0);
    assertThat(best.path("articleId").asText()).as(body.toString()).isEqualTo(articleId);
    assertThat(best.path("faqId").asText()).isEqualTo(articleId);
    assertThat(best.path("source").asText()).isEqualTo("TENANT");
    assertThat(best.path("answer").asText()).contains("loyalty card is free");

    String refundCase = caseOf(receive(account, "+447700900407", "How do I get a refund?"));
    assertThat(ok(fixtures.as(fixtures.agent(tenant)).get("/api/v1/cases/" + refundCase + "/next-best-actions"))
        .path("knowledgeBase")).as("no shipped refund entry once the tenant has its own articles").isEmpty();
  }

  private ChannelAccount botAccount(String tenant) {
    return conversations.account(tenant, Channel.SMS, "customer-service-request", "twilio",
        Map.of(BotConversationTrigger.ACCOUNT_SETTING, "true"));
  }

  private String receive(ChannelAccount account, String from, String text) {
    String messageId = conversations.accept(conversations.message(account, from, text)).messageId();
    assertThat(inbound.process(messageId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
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

  private List<String> replies(String caseId) {
    return jdbc.sql("SELECT id FROM message WHERE case_id = :c AND direction = 'OUTBOUND' ORDER BY created_at")
        .param("c", caseId).query(String.class).list();
  }
}
