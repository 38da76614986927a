package org.switchboard.caseapi.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.process.caselifecycle.CaseLifecycle.Elements;
import org.switchboard.process.caselifecycle.CaseLifecycle.Variables;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

@SwitchboardTest
class CommunicationsApiTest {

  @Autowired TestFixtures fixtures;
  @Autowired ConversationTestSupport support;
  @Autowired InboundProcessor processor;
  @Autowired CaseRepository cases;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void theInboxListsConversationsAcrossChannelsWithUnreadCountsFiltersAndReadMarking() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount sms = support.account(tenant, Channel.SMS, null);
    ChannelAccount chat = support.account(tenant, Channel.WEBCHAT, null);
    String smsCase = receive(sms, "+4915112345601", "sms one");
    receive(sms, "+4915112345601", "sms two");
    String chatCase = receive(chat, "visitor-" + tenant, "chat one");
    triage(smsCase);
    triage(chatCase);
    ApiClient agent = fixtures.as(fixtures.agent(tenant));

    JsonNode inbox = ok(agent.get("/api/v1/communications/inbox"));
    assertThat(inbox.path("total").asInt()).isEqualTo(2);
    JsonNode first = inbox.path("items").get(0);
    assertThat(first.path("channel").asText()).isEqualTo("WEBCHAT");
    assertThat(first.path("preview").asText()).isEqualTo("chat one");
    assertThat(first.path("lastMessageDirection").asText()).isEqualTo("INBOUND");
    JsonNode smsItem = ok(agent.get("/api/v1/communications/inbox?channel=sms")).path("items").get(0);
    assertThat(smsItem.path("unreadCount").asInt()).isEqualTo(2);
    assertThat(smsItem.path("caseId").asText()).isEqualTo(smsCase);
    assertThat(smsItem.path("team").asText()).isNotBlank();
    assertThat(smsItem.path("preview").asText()).isEqualTo("sms two");
    assertThat(ok(agent.get("/api/v1/communications/inbox?caseId=" + chatCase)).path("total").asInt()).isEqualTo(1);
    assertThat(ok(agent.get("/api/v1/communications/inbox?team=" + smsItem.path("team").asText()))
        .path("total").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(ok(agent.get("/api/v1/communications/inbox?assignee=nobody")).path("total").asInt()).isZero();
    assertThat(ok(agent.get("/api/v1/communications/inbox?size=1&page=1")).path("items").size()).isEqualTo(1);

    JsonNode read = ok(agent.post("/api/v1/communications/conversations/" + smsItem.path("conversationId").asText()
        + "/read", Map.of()));
    assertThat(read.path("unreadCount").asInt()).isZero();
    JsonNode unread = ok(agent.get("/api/v1/communications/inbox?unreadOnly=true"));
    assertThat(unread.path("total").asInt()).isEqualTo(1);
    assertThat(unread.path("items").get(0).path("channel").asText()).isEqualTo("WEBCHAT");

    Response bad = agent.get("/api/v1/communications/inbox?channel=pigeon&size=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(bad)).containsExactlyInAnyOrder("channel", "size");
  }

  @Test
  void theInboxShowsOnlyCasesTheCallerMaySee() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount chat = support.account(tenant, Channel.WEBCHAT, null);
    String caseId = receive(chat, "visitor-" + tenant, "hello");
    triage(caseId);
    String team = cases.findById(caseId).orElseThrow().team();
    ApiClient member = fixtures.as(fixtures.user(tenant, Roles.AGENTS, team));
    String otherTeam = Roles.DEFAULT_TEAMS.stream().filter(t -> !t.equals(team)).findFirst().orElseThrow();
    ApiClient outsider = fixtures.as(fixtures.user(tenant, Roles.AGENTS, otherTeam));
    ApiClient foreign = fixtures.as(fixtures.agent(fixtures.tenant("generic")));

    assertThat(ok(member.get("/api/v1/communications/inbox")).path("total").asInt()).isEqualTo(1);
    assertThat(ok(outsider.get("/api/v1/communications/inbox")).path("total").asInt()).isZero();
    assertThat(ok(foreign.get("/api/v1/communications/inbox")).path("total").asInt()).isZero();
    String conversationId = jdbc.sql("SELECT id FROM conversation WHERE case_id = :c").param("c", caseId)
        .query(String.class).single();
    assertThat(outsider.post("/api/v1/communications/conversations/" + conversationId + "/read", Map.of()).status())
        .isEqualTo(404);
    assertThat(foreign.post("/api/v1/communications/conversations/" + conversationId + "/read", Map.of()).status())
        .isEqualTo(404);
    assertThat(foreign.get("/api/v1/communications?caseId=" + caseId).status()).isEqualTo(404);
    String contactId = cases.findById(caseId).orElseThrow().contactId();
    assertThat(foreign.get("/api/v1/communications?contactId=" + contactId).status()).isEqualTo(404);
    assertThat(foreign.get("/api/v1/contacts/" + contactId + "/identities").status()).isEqualTo(404);
  }

  @Test
  void theTimelineShowsACaseOrContactsMessagesAcrossChannelsOldestFirstWithAttachmentsAndIsAudited() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount sms = support.account(tenant, Channel.SMS, null);
    ChannelAccount whatsapp = support.account(tenant, Channel.WHATSAPP, null);
    String caseId = receive(sms, "+4915112345602", "by sms");
    byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String withMedia = support.accept(support.withMedia(whatsapp, "4915112345602", "by whatsapp",
        new InboundMessage.Media(null, "application/pdf", "letter.pdf", pdf))).messageId();
    processor.process(withMedia);
    triage(caseId);
    ApiClient supervisor = fixtures.as(fixtures.supervisor(tenant));

    JsonNode timeline = ok(supervisor.get("/api/v1/communications?caseId=" + caseId));
    assertThat(timeline.path("total").asInt()).isEqualTo(2);
    JsonNode items = timeline.path("items");
    assertThat(items.get(0).path("body").asText()).isEqualTo("by sms");
    assertThat(items.get(0).path("channel").asText()).isEqualTo("SMS");
    assertThat(items.get(0).path("direction").asText()).isEqualTo("INBOUND");
    assertThat(items.get(1).path("channel").asText()).isEqualTo("WHATSAPP");
    assertThat(items.get(1).path("attachments").get(0).path("state").asText()).isEqualTo("STORED");
    String documentId = items.get(1).path("attachments").get(0).path("documentId").asText();
    assertThat(ok(supervisor.get("/api/v1/cases/" + caseId + "/documents")).toString()).contains(documentId);

    String contactId = items.get(0).path("contactId").asText();
    JsonNode byContact = ok(supervisor.get("/api/v1/communications?contactId=" + contactId));
    assertThat(byContact.path("total").asInt()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'MESSAGES_VIEWED' AND object_id = :c")
        .param("c", caseId).query(Long.class).single()).isEqualTo(1);

    assertThat(fields(supervisor.get("/api/v1/communications"))).containsExactly("caseId");
    assertThat(supervisor.get("/api/v1/communications?caseId=" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void contactsAreMergedAndSplitWithTheirIdentitiesConversationsAndCasesAndBothAreAudited() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount sms = support.account(tenant, Channel.SMS, null);
    ChannelAccount mail = support.account(tenant, Channel.EMAIL, null);
    String smsCase = receive(sms, "+4915112345603", "sms");
    String mailMessage = support.accept(support.email(mail, "<x-" + tenant + "@mail.example>", "dee@example.org",
        "Hi", "mail", null, List.of())).messageId();
    processor.process(mailMessage);
    String smsContact = cases.findById(smsCase).orElseThrow().contactId();
    String mailContact = (String) support.row(mailMessage).get("contact_id");
    String mailCase = (String) support.row(mailMessage).get("case_id");
    assertThat(mailContact).isNotEqualTo(smsContact);
    ApiClient supervisor = fixtures.as(fixtures.user(tenant, Roles.SUPERVISORS, Roles.TENANT_ADMINS));

    JsonNode merged = ok(supervisor.post("/api/v1/contacts/" + smsContact + "/merge",
        Map.of("sourceContactId", mailContact)));
    assertThat(merged.path("identitiesMoved").asInt()).isEqualTo(1);
    assertThat(merged.path("casesMoved").asInt()).isEqualTo(1);
    assertThat(merged.path("conversationsMoved").asInt()).isEqualTo(1);
    assertThat(cases.findById(mailCase).orElseThrow().contactId()).isEqualTo(smsContact);
    JsonNode identities = ok(supervisor.get("/api/v1/contacts/" + smsContact + "/identities"));
    assertThat(identities.size()).isEqualTo(2);
    List<String> kinds = new ArrayList<>();
    identities.forEach(i -> kinds.add(i.path("kind").asText()));
    assertThat(kinds).containsExactlyInAnyOrder("PHONE", "EMAIL");
    // A later email from the merged address lands with the surviving contact.
    String later = support.accept(support.email(mail, "<y-" + tenant + "@mail.example>", "DEE@example.org",
        "Again", "again", null, List.of())).messageId();
    processor.process(later);
    assertThat(support.row(later).get("contact_id")).isEqualTo(smsContact);
    // Agents see handles masked.
    JsonNode masked = ok(fixtures.as(fixtures.agent(tenant)).get("/api/v1/contacts/" + smsContact + "/identities"));
    assertThat(masked.toString()).doesNotContain("dee@example.org").doesNotContain("4915112345603");

    String emailIdentity = null;
    for (JsonNode i : identities) {
      if (i.path("kind").asText().equals("EMAIL")) {
        emailIdentity = i.path("id").asText();
      }
    }
    JsonNode split = ok(supervisor.post("/api/v1/contacts/" + smsContact + "/identities/" + emailIdentity
        + "/split", Map.of()));
    String newContact = split.path("newContactId").asText();
    assertThat(split.path("messagesMoved").asInt()).isEqualTo(2);
    assertThat(support.row(later).get("contact_id")).isEqualTo(newContact);
    assertThat(support.row(mailMessage).get("contact_id")).isEqualTo(newContact);
    assertThat(ok(supervisor.get("/api/v1/contacts/" + smsContact + "/identities")).size()).isEqualTo(1);
    assertThat(supervisor.post("/api/v1/contacts/" + smsContact + "/identities/"
        + ok(supervisor.get("/api/v1/contacts/" + smsContact + "/identities")).get(0).path("id").asText()
        + "/split", Map.of()).status()).isEqualTo(409);
    assertThat(jdbc.sql("SELECT action FROM audit_event WHERE object_id = :c AND action IN "
            + "('CONTACTS_MERGED', 'CONTACT_SPLIT') ORDER BY seq").param("c", smsContact)
        .query(String.class).list()).containsExactly("CONTACTS_MERGED", "CONTACT_SPLIT");

    assertThat(fields(supervisor.post("/api/v1/contacts/" + smsContact + "/merge", Map.of())))
        .containsExactly("sourceContactId");
    String foreignContact = fixtures.as(fixtures.admin()).post("/api/v1/contacts",
        Map.of("tenantId", fixtures.tenant("generic"), "displayName", "Other")).json().path("id").asText();
    assertThat(fields(supervisor.post("/api/v1/contacts/" + smsContact + "/merge",
        Map.of("sourceContactId", foreignContact)))).containsExactly("sourceContactId");
    assertThat(supervisor.post("/api/v1/contacts/" + foreignContact + "/identities/" + emailIdentity + "/split",
        Map.of()).status()).isEqualTo(404);
  }

  @Test
  void channelAccountsAreConfiguredPerTenantWithSecretReferencesOnlyAndAudited() {
    String tenant = fixtures.tenant("generic");
    ApiClient tenantAdmin = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS));
    ApiClient otherAdmin = fixtures.as(fixtures.user(fixtures.tenant("generic"), Roles.TENANT_ADMINS));
    String number = "+4930" + (10_000_000 + (int) (Math.random() * 89_999_999));

    Response created = tenantAdmin.post("/api/v1/config/channels", Map.of("tenantId", tenant, "channel", "SMS",
        "provider", "twilio", "address", number, "caseType", "general-enquiry",
        "settings", Map.of("accountSid", "AC123"),
        "secretRefs", Map.of("authToken", "TWILIO_AUTH_TOKEN_" + tenant.replace("-", "_").toUpperCase())));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("secretsConfigured").path("authToken").asBoolean()).isFalse();
    assertThat(created.json().path("source").asText()).isEqualTo("database");
    assertThat(tenantAdmin.get("/api/v1/config/channels").json().toString()).contains(id);
    assertThat(otherAdmin.get("/api/v1/config/channels/" + id).status()).isEqualTo(404);
    assertThat(otherAdmin.get("/api/v1/config/channels").json().toString()).doesNotContain(id);

    Response duplicate = tenantAdmin.post("/api/v1/config/channels", Map.of("tenantId", tenant, "channel", "SMS",
        "provider", "twilio", "address", number));
    assertThat(duplicate.status()).isEqualTo(409);
    Response invalid = tenantAdmin.post("/api/v1/config/channels", Map.of("tenantId", tenant, "channel", "SMS",
        "provider", "meta", "address", "not a number", "caseType", "nope",
        "settings", Map.of("authToken", "abc", "baseUrl", "http://169.254.169.254/"),
        "secretRefs", Map.of("authToken", "s3cr3t value")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(fields(invalid)).contains("provider", "address", "caseType", "settings.authToken",
        "settings.baseUrl", "secretRefs.authToken");

    Response updated = tenantAdmin.put("/api/v1/config/channels/" + id, Map.of("provider", "twilio", "address",
        number, "caseType", "general-enquiry", "settings", Map.of("accountSid", "AC999")));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().path("settings").path("accountSid").asText()).isEqualTo("AC999");
    Response disabled = tenantAdmin.post("/api/v1/config/channels/" + id + "/disable", Map.of());
    assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
    assertThat(support.accounts().byAddress(Channel.SMS, number)).isEmpty();
    assertThat(jdbc.sql("SELECT action FROM audit_event WHERE object_id = :id ORDER BY seq").param("id", id)
        .query(String.class).list()).containsExactly("CHANNEL_ACCOUNT_CREATED", "CHANNEL_ACCOUNT_UPDATED",
        "CHANNEL_ACCOUNT_DISABLED");

    // The default tenant's web chat always exists and is read-only.
    ApiClient admin = fixtures.as(fixtures.admin());
    JsonNode webchat = ok(admin.get("/api/v1/config/channels/default-webchat"));
    assertThat(webchat.path("source").asText()).isEqualTo("environment");
    assertThat(admin.post("/api/v1/config/channels/default-webchat/disable", Map.of()).status()).isEqualTo(409);
  }

  private String receive(ChannelAccount account, String from, String body) {
    String id = support.accept(support.message(account, from, body)).messageId();
    processor.process(id);
    return (String) support.row(id).get("case_id");
  }

  /** Completes the intake so the case gets its team (and the inbox shows it to that team). */
  private void triage(String caseId) {
    CaseRecord c = cases.findById(caseId).orElseThrow();
    Task intake = taskService.createTaskQuery().processInstanceId(c.processInstanceId())
        .taskDefinitionKey(Elements.TASK_COMPLETE_INTAKE).singleResult();
    if (intake == null) {
      return;
    }
    taskService.complete(intake.getId(), Map.of(Variables.CATEGORY, "general", Variables.IMMEDIATE_DANGER, false,
        Variables.SELF_HARM_RISK, false, Variables.CHILD_AT_RISK, false));
    for (Job job : managementService.createJobQuery().processInstanceId(c.processInstanceId()).executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  private static JsonNode ok(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<String> fields(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
