package org.switchboard.caseapi.ai.nextaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponse;
import org.switchboard.caseapi.conversations.outbound.templates.CannedResponseRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * Next best action on real inbound messages: the NextBestAction table deployed in the engine, the offline intent
 * and distress providers through the gateway, the tenant's canned responses and the sector's FAQ.
 */
@SwitchboardTest
class NextBestActionsTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor inbound;
  @Autowired CannedResponseRepository canned;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void aSurvivorInHighDistressIsToBeEscalatedWithASafetyPlanFirstAndTheAnswerIsAudited() {
    String tenant = fixtures.tenant("survivor-support");
    String supervisor = fixtures.supervisor(tenant);
    String safetyPlan = cannedResponse(tenant, "Safety plan", "safety-plan");
    ChannelAccount account = conversations.account(tenant, Channel.SMS, "survivor-support");
    String caseId = caseOf(receive(account, "+447700900311",
        "I am terrified and desperate, he hurts me every night and I can't cope anymore, please help me"));

    ApiClient api = fixtures.as(supervisor);
    var response = api.get("/api/v1/cases/" + caseId + "/next-best-actions");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(codes(body)).contains("ESCALATE_TO_SUPERVISOR", "SAFETY_PLAN", "ASK_SAFE_TO_TALK");
    assertThat(codes(body).indexOf("SAFETY_PLAN")).isLessThan(codes(body).indexOf("SEND_CANNED_RESPONSE"));
    assertThat(action(body, "SAFETY_PLAN").path("priority").asInt()).as(body.toString()).isEqualTo(1);
    assertThat(action(body, "SAFETY_PLAN").path("suggestedCannedResponses").findValuesAsText("id"))
        .containsExactly(safetyPlan);
    assertThat(body.path("facts").path("distressBand").asText()).isEqualTo("HIGH");
    assertThat(body.path("facts").path("channel").asText()).isEqualTo("SMS");
    assertThat(body.path("aiGenerated").asBoolean()).isTrue();
    assertThat(body.path("resultIds")).isNotEmpty();
    assertThat(jdbc.sql("SELECT details FROM audit_event WHERE object_id = :c AND action = 'CASE_VIEWED'")
        .param("c", caseId).query(String.class).list()).anySatisfy(d -> assertThat(d).contains("next-best-actions"));
  }

  @Test
  void aRefundQuestionSuggestsTheRefundCannedResponseAndTheRefundFaq() {
    String tenant = fixtures.tenant("customer-service");
    String agent = fixtures.agent(tenant);
    String refund = cannedResponse(tenant, "Refund policy", "refund");
    cannedResponse(tenant, "Delivery times", "delivery");
    ChannelAccount account = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String caseId = caseOf(receive(account, "+447700900312",
        "Hello, I returned the shoes last week. How do I get a refund, when will I get my money back?"));

    JsonNode body = ok(fixtures.as(agent).get("/api/v1/cases/" + caseId + "/next-best-actions"));

    assertThat(body.path("facts").path("intent").asText()).isEqualTo("refund");
    JsonNode send = action(body, "SEND_CANNED_RESPONSE");
    assertThat(texts(send.path("cannedTags"))).contains("refund");
    assertThat(send.path("suggestedCannedResponses").findValuesAsText("id")).containsExactly(refund);
    assertThat(send.path("suggestedCannedResponses").findValuesAsText("title")).containsExactly("Refund policy");
    JsonNode best = body.path("knowledgeBase").get(0);
    assertThat(best.path("faqId").asText()).isEqualTo("refund-en");
    assertThat(best.path("score").asDouble()).isGreaterThan(0.2);
    assertThat(best.path("answer").asText()).isNotBlank();
  }

  @Test
  void withIntentAndSentimentSwitchedOffTheTableStillAnswersFromTheCaseFacts() {
    String tenant = fixtures.tenant("survivor-support");
    String supervisor = fixtures.supervisor(tenant);
    ApiClient admin = fixtures.as(fixtures.admin());
    for (String service : List.of("intent", "sentiment")) {
      var toggled = admin.put("/api/v1/config/ai-services/" + service + "/toggle?tenantId=" + tenant,
          Map.of("enabled", false));
      assertThat(toggled.status()).as(toggled.text()).isEqualTo(200);
    }
    ChannelAccount account = conversations.account(tenant, Channel.SMS, "survivor-support");
    String caseId = caseOf(receive(account, "+447700900313", "I am terrified and desperate, please help me"));

    JsonNode body = ok(fixtures.as(supervisor).get("/api/v1/cases/" + caseId + "/next-best-actions"));

    assertThat(body.path("facts").path("intent").asText(null)).as(body.toString()).isNull();
    assertThat(body.path("facts").path("distressBand").asText(null)).isNull();
    assertThat(body.path("ai").findValuesAsText("status")).containsOnly("DISABLED");
    assertThat(body.path("resultIds")).isEmpty();
    assertThat(codes(body)).contains("ASK_SAFE_TO_TALK", "SEND_CANNED_RESPONSE").doesNotContain("SAFETY_PLAN");
  }

  @Test
  void aCaseOfAnotherTenantIsNotFound() {
    String tenant = fixtures.tenant("customer-service");
    ChannelAccount account = conversations.account(tenant, Channel.SMS, "customer-service-request");
    String caseId = caseOf(receive(account, "+447700900314", "Where is my order?"));
    String stranger = fixtures.supervisor(fixtures.tenant("customer-service"));

    var foreign = fixtures.as(stranger).get("/api/v1/cases/" + caseId + "/next-best-actions");
    var missing = fixtures.as(stranger).get("/api/v1/cases/" + UUID.randomUUID() + "/next-best-actions");

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(foreign.json().path("detail").asText().replace(caseId, "?"))
        .isEqualTo(missing.json().path("detail").asText().replaceAll("[0-9a-f-]{36}", "?"));
  }

  private String cannedResponse(String tenant, String title, String tag) {
    String id = UUID.randomUUID().toString();
    canned.insert(new CannedResponse(id, tenant, title, "Text of " + title, List.of(tag), clock.instant(), "test",
        clock.instant(), "test", 1));
    return id;
  }

  private String receive(ChannelAccount account, String from, String text) {
    String messageId = conversations.accept(conversations.message(account, from, text)).messageId();
    assertThat(inbound.process(messageId)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    return messageId;
  }

  private String caseOf(String messageId) {
    return jdbc.sql("SELECT case_id FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  private static JsonNode ok(ApiClient.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private static List<String> codes(JsonNode body) {
    return texts(body.path("actions").findValues("code"));
  }

  private static JsonNode action(JsonNode body, String code) {
    for (JsonNode a : body.path("actions")) {
      if (code.equals(a.path("code").asText())) {
        return a;
      }
    }
    throw new AssertionError("no action " + code + " in " + body);
  }

  private static List<String> texts(Iterable<JsonNode> nodes) {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n.asText()));
    return out;
  }
}
