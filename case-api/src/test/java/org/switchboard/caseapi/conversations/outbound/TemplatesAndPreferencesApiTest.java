package org.switchboard.caseapi.conversations.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.caseapi.conversations.outbound.OutboundSendApiTest.fields;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.conversations.InboundMessage;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** Templates, canned responses and contact preferences through the API, and opt-out keywords. */
@SwitchboardTest
class TemplatesAndPreferencesApiTest {

  @Autowired TestFixtures fixtures;
  @Autowired OutboundTestSupport support;
  @Autowired ConversationTestSupport conversations;
  @Autowired InboundProcessor processor;
  @Autowired JdbcClient jdbc;

  @Test
  void tenantAdminsWriteTemplatesAgentsReadAndRenderThemAndOtherTenantsSeeNothing() {
    String tenant = fixtures.tenant("generic");
    ApiClient admin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    Map<String, Object> template = Map.of("channel", "WHATSAPP", "name", "reminder", "language", "en",
        "body", "Hi {{ name }}, your appointment is on {{date}} at {{time}}.",
        "providerTemplateName", "reminder_v1", "parameterOrder", List.of("name", "date", "time"));

    Response created = admin.post("/api/v1/config/message-templates", template);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("approved").asBoolean()).isTrue();
    assertThat(created.json().path("variables")).hasSize(3);
    assertThat(agent.post("/api/v1/config/message-templates", template).status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/config/message-templates", template).status()).isEqualTo(409);

    Response rendered = agent.post("/api/v1/config/message-templates/" + id + "/render",
        Map.of("variables", Map.of("name", "Sam", "date", "1 May")));
    assertThat(rendered.status()).isEqualTo(200);
    assertThat(rendered.json().path("text").asText()).isEqualTo("Hi Sam, your appointment is on 1 May at {{time}}.");
    assertThat(rendered.json().path("missing").get(0).asText()).isEqualTo("time");
    assertThat(rendered.json().path("complete").asBoolean()).isFalse();
    assertThat(agent.get("/api/v1/config/message-templates?channel=WHATSAPP").json()).hasSize(1);
    assertThat(agent.get("/api/v1/config/message-templates?channel=SMS").json()).isEmpty();

    Response invalid = admin.post("/api/v1/config/message-templates", Map.of("channel", "SMS", "name", "x",
        "language", "english", "body", "Hi {{name}}", "providerTemplateName", "x",
        "parameterOrder", List.of("other")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(fields(invalid)).contains("language", "providerTemplateName", "parameterOrder[0]");

    Map<String, Object> update = new HashMap<>(template);
    update.put("body", "Hello {{name}}, {{date}} {{time}}");
    update.put("version", 1);
    Response updated = admin.put("/api/v1/config/message-templates/" + id, update);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("version").asLong()).isEqualTo(2);
    assertThat(admin.put("/api/v1/config/message-templates/" + id, update).status()).isEqualTo(409);

    String other = fixtures.tenant("generic");
    ApiClient foreign = fixtures.as(fixtures.user(other, Roles.TENANT_ADMINS));
    assertThat(foreign.get("/api/v1/config/message-templates/" + id).status()).isEqualTo(404);
    assertThat(foreign.delete("/api/v1/config/message-templates/" + id).status()).isEqualTo(404);
    assertThat(foreign.get("/api/v1/config/message-templates").json()).isEmpty();

    assertThat(admin.delete("/api/v1/config/message-templates/" + id).status()).isEqualTo(204);
    assertThat(agent.get("/api/v1/config/message-templates/" + id).status()).isEqualTo(404);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE object_id = :id AND action LIKE 'MESSAGE_TEMPLATE_%'")
        .param("id", id).query(Integer.class).single()).isEqualTo(3);
  }

  @Test
  void supervisorsWriteCannedResponsesAgentsFindAndRenderThemAndSendWithThem() {
    String tenant = fixtures.tenant("generic");
    String agentId = fixtures.agent(tenant);
    ApiClient agent = fixtures.as(agentId);
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));
    Map<String, Object> canned = Map.of("title", "Opening hours", "body", "We are open {{hours}}, {{name}}.",
        "tags", List.of("hours", "general"));

    assertThat(agent.post("/api/v1/communications/canned-responses", canned).status()).isEqualTo(403);
    Response created = supervisor.post("/api/v1/communications/canned-responses", canned);
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();

    assertThat(agent.get("/api/v1/communications/canned-responses?tag=hours").json()).hasSize(1);
    assertThat(agent.get("/api/v1/communications/canned-responses?q=OPENING").json()).hasSize(1);
    assertThat(agent.get("/api/v1/communications/canned-responses?tag=billing").json()).isEmpty();
    Response rendered = agent.post("/api/v1/communications/canned-responses/" + id + "/render",
        Map.of("variables", Map.of("hours", "9 to 5", "name", "Sam")));
    assertThat(rendered.json().path("text").asText()).isEqualTo("We are open 9 to 5, Sam.");
    assertThat(rendered.json().path("complete").asBoolean()).isTrue();

    conversations.account(tenant, Channel.WEBCHAT, null);
    var c = support.caseWith(tenant, agentId, null);
    Response sent = agent.post("/api/v1/communications/webchat/send", Map.of("caseId", c.id(),
        "recipient", Map.of("address", "session-x"), "cannedResponseId", id,
        "variables", Map.of("hours", "9 to 5", "name", "Sam")));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    assertThat(sent.json().path("body").asText()).isEqualTo("We are open 9 to 5, Sam.");

    String other = fixtures.tenant("generic");
    Response foreign = fixtures.as(fixtures.agent(other)).post("/api/v1/communications/webchat/send",
        Map.of("caseId", c.id(), "recipient", Map.of("address", "session-x"), "cannedResponseId", id));
    assertThat(foreign.status()).isEqualTo(404);
  }

  @Test
  void preferencesAreValidatedStoredAndAuditedAndAForeignContactIs404() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    String contact = support.contact(agent, tenant, "+447911123456", null);

    Response none = agent.get("/api/v1/contacts/" + contact + "/preferences");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().path("version").asLong()).isZero();
    assertThat(none.json().path("doNotContact").asBoolean()).isFalse();

    Response invalid = agent.put("/api/v1/contacts/" + contact + "/preferences", Map.of("doNotContact", false,
        "preferredChannel", "PIGEON", "timeZone", "Mars/Olympus", "safeChannels", List.of("SMS"),
        "safeWindows", List.of(Map.of("days", List.of("MON", "FUNDAY"), "from", "25:00", "to", "10:00"))));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(fields(invalid)).contains("preferredChannel", "timeZone", "safeWindows[0].days[1]",
        "safeWindows[0].from");

    Response saved = agent.put("/api/v1/contacts/" + contact + "/preferences", Map.of("doNotContact", false,
        "preferredChannel", "SMS", "safeChannels", List.of("SMS", "EMAIL"), "timeZone", "Europe/Paris",
        "safeWindows", List.of(Map.of("days", List.of("MON", "TUE"), "from", "22:00", "to", "06:00")),
        "optedOutChannels", List.of("WHATSAPP")));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.json().path("version").asLong()).isEqualTo(1);
    assertThat(saved.json().path("safeWindows").get(0).path("from").asText()).isEqualTo("22:00");
    assertThat(saved.json().path("optOuts").get(0).path("channel").asText()).isEqualTo("WHATSAPP");
    assertThat(saved.json().path("optOuts").get(0).path("source").asText()).isEqualTo("AGENT");

    Response stale = agent.put("/api/v1/contacts/" + contact + "/preferences", Map.of("doNotContact", true,
        "version", 0));
    assertThat(stale.status()).isEqualTo(409);

    String other = fixtures.tenant("generic");
    Response foreign = fixtures.as(fixtures.agent(other)).get("/api/v1/contacts/" + contact + "/preferences");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(jdbc.sql("SELECT action FROM audit_event WHERE object_id = :id AND action LIKE 'CONTACT_PREFERENCES_%'")
        .param("id", contact).query(String.class).list())
        .contains("CONTACT_PREFERENCES_VIEWED", "CONTACT_PREFERENCES_CHANGED");
  }

  @Test
  void stopOptsTheContactOutOfTheChannelAndStartOptsThemBackIn() {
    String tenant = fixtures.tenant("generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));
    ChannelAccount account = conversations.account(tenant, Channel.SMS, null);
    String from = "+447911654321";

    String hello = receive(account, from, "Hello, I need help");
    String contact = (String) conversations.row(hello).get("contact_id");
    assertThat(preferences(agent, contact).path("optOuts")).isEmpty();

    String stop = receive(account, from, " Arrêt. ");
    var optOuts = preferences(agent, contact).path("optOuts");
    assertThat(optOuts).hasSize(1);
    assertThat(optOuts.get(0).path("channel").asText()).isEqualTo("SMS");
    assertThat(optOuts.get(0).path("source").asText()).isEqualTo("STOP_KEYWORD");
    assertThat(optOuts.get(0).path("sourceMessageId").asText()).isEqualTo(stop);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE object_id = :c AND action = 'CONTACT_OPTED_OUT'")
        .param("c", contact).query(Integer.class).single()).isEqualTo(1);

    receive(account, from, "please don't stop");
    assertThat(preferences(agent, contact).path("optOuts")).hasSize(1);

    receive(account, from, "START");
    assertThat(preferences(agent, contact).path("optOuts")).isEmpty();
  }

  private String receive(ChannelAccount account, String from, String body) {
    InboundMessage message = conversations.message(account, from, body);
    String id = conversations.accept(message).messageId();
    // Attached to its case (the case process may not be waiting for it yet): the event is out either way.
    assertThat(processor.process(id)).isIn(InboundProcessor.Outcome.PROCESSED, InboundProcessor.Outcome.PARKED);
    return id;
  }

  private static com.fasterxml.jackson.databind.JsonNode preferences(ApiClient api, String contact) {
    Response response = api.get("/api/v1/contacts/" + contact + "/preferences");
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }
}
