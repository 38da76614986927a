package org.switchboard.caseapi.conversations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.outbound.OutboundMessage;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** The send endpoints on PostgreSQL: validation, idempotency, preferences, the 24-hour window, isolation. */
@SwitchboardTest
class OutboundSendApiTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport conversations;
  @Autowired OutboundTestSupport support;
  @Autowired RuntimeService runtime;
  @Autowired Clock clock;

  @Test
  void invalidRequestsNameEveryFieldAtFaultAndWriteNothing() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    conversations.account(tenant, Channel.SMS, null);
    CaseRecord c = support.caseWith(tenant, agent, null);
    ApiClient api = fixtures.as(agent);

    Response empty = api.post("/api/v1/communications/sms/send", Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(empty)).contains("caseId", "recipient");

    Response shape = api.post("/api/v1/communications/sms/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", "x", "address", "+447911123456"), "text", "Hi", "templateId", "t",
        "subject", "no subjects on SMS"));
    assertThat(shape.status()).isEqualTo(400);
    assertThat(fields(shape)).contains("text", "recipient", "subject");

    Response address = api.post("/api/v1/communications/sms/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "0770 not a number"), "text", "Hi", "attachments", List.of("no-such-doc")));
    assertThat(address.status()).isEqualTo(400);
    assertThat(fields(address)).containsExactlyInAnyOrder("recipient.address", "attachments[0]");

    Response email = api.post("/api/v1/communications/email/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "someone@example.org"), "text", "Hi"));
    assertThat(email.status()).isEqualTo(400);
    assertThat(fields(email)).containsExactly("subject");

    assertThat(support.messagesOfCase(c.id())).isZero();
    assertThat(support.changeTypes(c.id())).doesNotContain(OutboundAuditActions.CHANGE_MESSAGE_QUEUED);
  }

  @Test
  void aSendIsStoredEncryptedQueuedAndHandedToTheEngineWithIdsOnly() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ChannelAccount account = conversations.account(tenant, Channel.SMS, null);
    CaseRecord c = support.caseWith(tenant, agent, null);

    Response sent = fixtures.as(agent).post("/api/v1/communications/sms/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "+447911123456"), "text", "Your appointment is at 10:00"));

    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    JsonNode message = sent.json();
    String id = message.path("id").asText();
    assertThat(message.path("state").asText()).isEqualTo("QUEUED");
    assertThat(message.path("channel").asText()).isEqualTo("SMS");
    assertThat(message.path("accountId").asText()).isEqualTo(account.id());
    assertThat(message.path("body").asText()).isEqualTo("Your appointment is at 10:00");
    assertThat(message.has("recipient")).isFalse();
    Map<String, Object> row = support.row(id);
    assertThat((String) row.get("body")).startsWith("v1:").doesNotContain("appointment");
    assertThat((String) row.get("recipient")).startsWith("v1:").doesNotContain("7700900123");
    assertThat(row.get("direction")).isEqualTo("OUTBOUND");
    assertThat(support.changeTypes(c.id())).contains(OutboundAuditActions.CHANGE_MESSAGE_QUEUED);

    var instance = support.instanceOf(id);
    assertThat(instance.getTenantId()).isEqualTo(tenant);
    assertThat(runtime.getVariables(instance.getId())).containsOnly(
        Map.entry(OutboundMessage.Variables.MESSAGE_ID, id), Map.entry(OutboundMessage.Variables.CASE_ID, c.id()),
        Map.entry(OutboundMessage.Variables.CHANNEL, "SMS"));

    Response read = fixtures.as(agent).get("/api/v1/communications/messages/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().path("state").asText()).isEqualTo("QUEUED");
  }

  @Test
  void theSameIdempotencyKeyAnswersWithTheSameMessageAndStartsNothingTwice() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    conversations.account(tenant, Channel.WEBCHAT, null);
    CaseRecord c = support.caseWith(tenant, agent, null);
    ApiClient api = fixtures.as(agent);
    Map<String, Object> body = Map.of("caseId", c.id(), "recipient", Map.of("address", "session-1"), "text", "Hi");
    String key = UUID.randomUUID().toString();

    Response first = send(api, "/api/v1/communications/webchat/send", body, key);
    Response second = send(api, "/api/v1/communications/webchat/send", body, key);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(support.messagesOfCase(c.id())).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OutboundMessage.PROCESS_KEY)
        .processInstanceBusinessKey(first.json().path("id").asText()).count()).isEqualTo(1);

    Response reused = send(api, "/api/v1/communications/webchat/send",
        Map.of("caseId", c.id(), "recipient", Map.of("address", "session-1"), "text", "Something else"), key);
    assertThat(reused.status()).isEqualTo(409);
    Response fresh = send(api, "/api/v1/communications/webchat/send", body, UUID.randomUUID().toString());
    assertThat(fresh.status()).isEqualTo(202);
    assertThat(support.messagesOfCase(c.id())).isEqualTo(2);
  }

  @Test
  void preferencesRefuseWithCodeAndReasonAndOnlySupervisorsOverrideSafetyOutsideSurvivorSupport() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    String supervisor = fixtures.supervisor(tenant);
    conversations.account(tenant, Channel.SMS, null);
    String contact = support.contact(fixtures.as(agent), tenant, "+447700900456", null);
    CaseRecord c = support.caseWith(tenant, agent, contact);
    Map<String, Object> onlyEmail = new HashMap<>(Map.of("safeChannels", List.of("EMAIL"), "doNotContact", false));
    assertThat(fixtures.as(agent).put("/api/v1/contacts/" + contact + "/preferences", onlyEmail).status())
        .isEqualTo(200);
    Map<String, Object> body = new HashMap<>(Map.of("caseId", c.id(), "recipient", Map.of("contactId", contact),
        "text", "Hello"));

    Response refused = fixtures.as(agent).post("/api/v1/communications/sms/send", body);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("UNSAFE_TO_CONTACT");
    assertThat(refused.json().path("reason").asText()).contains("safe channels");
    assertThat(support.messagesOfCase(c.id())).isZero();

    body.put("overridePreferences", true);
    Response agentOverride = fixtures.as(agent).post("/api/v1/communications/sms/send", body);
    assertThat(agentOverride.status()).isEqualTo(400);
    assertThat(fields(agentOverride)).containsExactly("overridePreferences");
    Response overridden = fixtures.as(supervisor).post("/api/v1/communications/sms/send", body);
    assertThat(overridden.status()).as(overridden.toString()).isEqualTo(202);

    Map<String, Object> doNotContact = new HashMap<>(Map.of("doNotContact", true));
    assertThat(fixtures.as(agent).put("/api/v1/contacts/" + contact + "/preferences", doNotContact).status())
        .isEqualTo(200);
    Response optedOut = fixtures.as(supervisor).post("/api/v1/communications/sms/send", body);
    assertThat(optedOut.status()).isEqualTo(422);
    assertThat(optedOut.json().path("code").asText()).isEqualTo("OPTED_OUT");
    assertThat(support.messagesOfCase(c.id())).isEqualTo(1);
  }

  @Test
  void survivorSupportSafetyPreferencesAreAHardRuleNobodyOverrides() {
    String tenant = fixtures.tenant(SendRules.SURVIVOR_SUPPORT);
    String agent = fixtures.agent(tenant);
    String admin = fixtures.admin();
    conversations.account(tenant, Channel.SMS, null);
    String contact = support.contact(fixtures.as(agent), tenant, "+447700900789", null);
    CaseRecord c = support.caseWith(tenant, agent, contact);
    // Safe only on weekday evenings in London, over midnight; SMS is safe, the time decides.
    String zone = "Europe/London";
    var local = clock.instant().atZone(java.time.ZoneId.of(zone));
    String from = local.plusHours(2).toLocalTime().withSecond(0).withNano(0).toString();
    String to = local.plusHours(3).toLocalTime().withSecond(0).withNano(0).toString();
    Map<String, Object> prefs = Map.of("safeChannels", List.of("SMS"), "timeZone", zone, "doNotContact", false,
        "safeWindows", List.of(Map.of("from", from, "to", to)));
    assertThat(fixtures.as(agent).put("/api/v1/contacts/" + contact + "/preferences", prefs).status())
        .isEqualTo(200);

    Map<String, Object> body = new HashMap<>(Map.of("caseId", c.id(), "recipient", Map.of("contactId", contact),
        "text", "Checking in"));
    Response refused = fixtures.as(agent).post("/api/v1/communications/sms/send", body);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("UNSAFE_TO_CONTACT");
    assertThat(refused.json().path("reason").asText()).contains("safe times");

    body.put("overridePreferences", true);
    Response overridden = fixtures.as(admin).post("/api/v1/communications/sms/send", body);
    assertThat(overridden.status()).isEqualTo(422);
    assertThat(overridden.json().path("code").asText()).isEqualTo("UNSAFE_TO_CONTACT");
    assertThat(overridden.json().path("reason").asText()).contains("cannot be overridden");
    assertThat(support.messagesOfCase(c.id())).isZero();
  }

  @Test
  void whatsAppFreeTextInsideTheWindowTemplateOutsideAndARefusalNamingTheLastMessageOtherwise() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    String tenantAdmin = fixtures.user(tenant, Roles.TENANT_ADMINS);
    ChannelAccount account = conversations.account(tenant, Channel.WHATSAPP, null);
    String contact = support.contact(fixtures.as(agent), tenant, "+447700900321", null);
    CaseRecord c = support.caseWith(tenant, agent, contact);
    String approved = fixtures.as(tenantAdmin).post("/api/v1/config/message-templates", Map.of("channel", "WHATSAPP",
        "name", "appointment_reminder", "language", "en", "body", "Hello {{name}}, see you at {{time}}.",
        "providerTemplateName", "appointment_reminder_v2")).json().path("id").asText();
    String plain = fixtures.as(tenantAdmin).post("/api/v1/config/message-templates", Map.of("channel", "WHATSAPP",
        "name", "plain_reminder", "language", "en", "body", "See you at {{time}}.")).json().path("id").asText();
    ApiClient api = fixtures.as(agent);

    support.contactWrote(account, c, contact, clock.instant().minus(Duration.ofHours(2)));
    Response open = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "text", "Thanks for your message"));
    assertThat(open.status()).as(open.toString()).isEqualTo(202);
    assertThat(open.json().path("mode").asText()).isEqualTo("SESSION");
    Response templateInside = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "templateId", approved,
        "variables", Map.of("name", "Sam", "time", "10:00")));
    assertThat(templateInside.json().path("mode").asText()).isEqualTo("SESSION");
    assertThat(templateInside.json().path("body").asText()).isEqualTo("Hello Sam, see you at 10:00.");

    var lastMessage = clock.instant().minus(Duration.ofHours(25)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    support.contactWrote(account, c, contact, lastMessage);
    Response closed = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "text", "Are you there?"));
    assertThat(closed.status()).isEqualTo(422);
    assertThat(closed.json().path("code").asText()).isEqualTo("WINDOW_CLOSED");
    assertThat(java.time.Instant.parse(closed.json().path("lastInboundAt").asText())).isEqualTo(lastMessage);
    assertThat(closed.json().path("reason").asText()).contains("approved WhatsApp template");

    Response unapproved = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "templateId", plain, "variables", Map.of("time", "10:00")));
    assertThat(unapproved.status()).isEqualTo(422);
    assertThat(unapproved.json().path("code").asText()).isEqualTo("WINDOW_CLOSED");
    assertThat(unapproved.json().path("reason").asText()).contains("no provider-approved name");

    Response template = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "templateId", approved,
        "variables", Map.of("name", "Sam", "time", "10:00")));
    assertThat(template.status()).as(template.toString()).isEqualTo(202);
    assertThat(template.json().path("mode").asText()).isEqualTo("TEMPLATE");
    assertThat(template.json().path("templateName").asText()).isEqualTo("appointment_reminder_v2");

    Response missing = api.post("/api/v1/communications/whatsapp/send", Map.of("caseId", c.id(),
        "recipient", Map.of("contactId", contact), "templateId", approved, "variables", Map.of("name", "Sam")));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(fields(missing)).containsExactly("variables.time");
  }

  @Test
  void messengerIsRefusedOutsideTheWindowAndAChannelWithoutAccountIsNotConfigured() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    conversations.account(tenant, Channel.INSTAGRAM, null);
    CaseRecord c = support.caseWith(tenant, agent, null);
    ApiClient api = fixtures.as(agent);

    Response never = api.post("/api/v1/communications/messenger/send", Map.of("caseId", c.id(), "channel",
        "INSTAGRAM", "recipient", Map.of("address", "igsid-123"), "text", "Hello"));
    assertThat(never.status()).isEqualTo(422);
    assertThat(never.json().path("code").asText()).isEqualTo("WINDOW_CLOSED");
    assertThat(never.json().has("lastInboundAt")).isFalse();

    // Without a channel field the account decides: the tenant has Instagram only.
    Response byAccount = api.post("/api/v1/communications/messenger/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "igsid-123"), "text", "Hello"));
    assertThat(byAccount.status()).isEqualTo(422);
    assertThat(byAccount.json().path("reason").asText()).contains("INSTAGRAM");

    Response noAccount = api.post("/api/v1/communications/messenger/send", Map.of("caseId", c.id(),
        "channel", "MESSENGER", "recipient", Map.of("address", "psid-123"), "text", "Hello"));
    assertThat(noAccount.status()).isEqualTo(422);
    assertThat(noAccount.json().path("code").asText()).isEqualTo("CHANNEL_NOT_CONFIGURED");
    assertThat(support.messagesOfCase(c.id())).isZero();
  }

  @Test
  void anotherTenantsCaseAndMessageAnswer404() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    conversations.account(tenant, Channel.WEBCHAT, null);
    CaseRecord c = support.caseWith(tenant, agent, null);
    String id = fixtures.as(agent).post("/api/v1/communications/webchat/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "session-9"), "text", "Hi")).json().path("id").asText();
    String other = fixtures.tenant("generic");
    String stranger = fixtures.agent(other);
    conversations.account(other, Channel.WEBCHAT, null);

    Response send = fixtures.as(stranger).post("/api/v1/communications/webchat/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "session-9"), "text", "Hi"));
    Response read = fixtures.as(stranger).get("/api/v1/communications/messages/" + id);
    Response missing = fixtures.as(stranger).get("/api/v1/communications/messages/" + UUID.randomUUID());

    assertThat(send.status()).isEqualTo(404);
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.json().path("title").asText()).isEqualTo(missing.json().path("title").asText());
    assertThat(read.text()).doesNotContain(c.id());
    assertThat(support.messagesOfCase(c.id())).isEqualTo(1);
  }

  private static Response send(ApiClient api, String path, Object body, String key) {
    try {
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
      return api.send(api.request(path).header("Content-Type", "application/json")
          .header(SendController.IDEMPOTENCY_KEY, key).POST(HttpRequest.BodyPublishers.ofString(json)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> fields(Response response) {
    List<String> fields = new java.util.ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
