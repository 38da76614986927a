package org.switchboard.caseapi.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.casetypes.CaseTypeRepository;
import org.switchboard.caseapi.conversations.ConversationTestSupport;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.Multipart;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.OutboundMessages;

/**
 * The canary test of issue 3 ("Data protection"): distinctive values planted through every input path
 * that exists must not appear in clear in any table (own and ACT_*), the log or the outbox. Values the
 * design stores in clear (classification internal: case titles, internal custom fields, document file
 * names) are exempt from the scan of Switchboard's own tables only; they must still never reach the
 * engine's tables, the log or events. The log is scanned with Switchboard's and the engine's loggers at
 * DEBUG, so it covers more than production logs at INFO.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class CanaryTest {

  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired CaseTypeRepository caseTypes;
  @Autowired ConversationTestSupport conversations;
  @Autowired org.switchboard.caseapi.conversations.inbound.InboundProcessor inboundProcessor;
  @Autowired OutboundMessages ledger;

  /** Switchboard's and the engine's loggers at DEBUG (the engine then logs its SQL with parameters). */
  private static final List<String> VERBOSE = List.of("org.switchboard", "org.camunda.bpm");

  @Test
  void plantedCanariesAppearInClearNowhereTheyMustNot(CapturedOutput output) {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    VERBOSE.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    try {
      plantAndScan(output);
    } finally {
      logging.setLogLevel("org.switchboard", LogLevel.INFO);
      logging.setLogLevel("org.camunda.bpm", null);
    }
  }

  private void plantAndScan(CapturedOutput output) {
    String tenant = fixtures.tenant("generic");
    SubjectData.caseType(caseTypes, tenant, "generic");
    ApiClient agent = fixtures.as(fixtures.agent(tenant));

    Map<String, String> secret = new LinkedHashMap<>();   // encrypted at rest: absent everywhere
    Map<String, String> internal = new LinkedHashMap<>(); // in clear in own tables by design: absent elsewhere
    for (String path : List.of("description", "customConfidential", "patchDescription", "patchCustomConfidential",
        "note", "documentContent", "contactName", "contactEmail", "inboundBody", "inboundSubject",
        "inboundSenderName", "inboundSender", "inboundRaw", "inboundMedia", "chatBody", "chatSession",
        "outboundText", "outboundSubject")) {
      secret.put(path, canary(path));
    }
    String phone = "+49" + (10_000_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 89_999_999_999L));
    secret.put("contactPhone", phone);
    secret.put("outboundAddress", canary("outboundAddress").toLowerCase() + "@example.org");
    for (String path : List.of("title", "customInternal", "patchTitle", "documentFileName")) {
      internal.put(path, canary(path));
    }

    String contactId = SubjectData.created(agent.post("/api/v1/contacts", Map.of("displayName",
        secret.get("contactName"), "phoneE164", phone, "email", secret.get("contactEmail").toLowerCase() + "@example.org")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("caseType", SubjectData.CASE_TYPE);
    body.put("title", internal.get("title"));
    body.put("description", secret.get("description"));
    body.put("customFields", Map.of("secretNote", secret.get("customConfidential"), "plainRef",
        internal.get("customInternal")));
    body.put("intake", Map.of("category", "general", "immediateDanger", false));
    ApiClient.Response created = agent.post("/api/v1/cases", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String caseId = created.json().path("id").asText();
    assertThat(agent.put("/api/v1/cases/" + caseId + "/contact", Map.of("contactId", contactId)).status())
        .isEqualTo(200);
    long version = agent.get("/api/v1/cases/" + caseId).json().path("version").asLong();
    ApiClient.Response patched = agent.patch("/api/v1/cases/" + caseId, Map.of("title", internal.get("patchTitle"),
        "description", secret.get("patchDescription"),
        "customFields", Map.of("secretNote", secret.get("patchCustomConfidential")), "version", version));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    SubjectData.created(agent.post("/api/v1/cases/" + caseId + "/notes", Map.of("body", secret.get("note"))));
    SubjectData.created(agent.send(Multipart.file(agent, "/api/v1/cases/" + caseId + "/documents", "file",
        internal.get("documentFileName") + ".txt", secret.get("documentContent").getBytes(StandardCharsets.UTF_8))));
    // Outbound: a send to the contact and one to an explicit address, claimed the way a worker does.
    conversations.account(tenant, Channel.SMS, null);
    conversations.account(tenant, Channel.EMAIL, null);
    ApiClient.Response sms = agent.post("/api/v1/communications/sms/send", Map.of("caseId", caseId,
        "recipient", Map.of("contactId", contactId), "text", secret.get("outboundText")));
    assertThat(sms.status()).as(sms.toString()).isEqualTo(202);
    ApiClient.Response email = agent.post("/api/v1/communications/email/send", Map.of("caseId", caseId,
        "recipient", Map.of("address", secret.get("outboundAddress")), "subject", secret.get("outboundSubject"),
        "text", "See the subject"));
    assertThat(email.status()).as(email.toString()).isEqualTo(202);
    assertThat(ledger.claim(sms.json().path("id").asText(), "canary-job"))
        .isInstanceOf(OutboundMessages.Claim.Ready.class);
    assertThat(agent.get("/api/v1/communications/messages/" + email.json().path("id").asText()).status())
        .isEqualTo(200);
    // Reads and history go through the same code paths an agent's screen does (and may log).
    assertThat(agent.get("/api/v1/cases/" + caseId + "/history").status()).isEqualTo(200);
    assertThat(agent.get("/api/v1/cases/" + caseId + "/notes").text()).contains(secret.get("note"));

    // Inbound messages (issue 4): email with subject, sender name, raw payload and an attachment; a web chat
    // message from a session id. Stored, processed into a case, read back through the timeline.
    var mailbox = conversations.account(tenant, org.switchboard.workers.channels.Channel.EMAIL, SubjectData.CASE_TYPE);
    String sender = secret.get("inboundSender").toLowerCase() + "@example.org";
    String emailId = conversations.accept(new org.switchboard.caseapi.conversations.InboundMessage(mailbox.id(),
        org.switchboard.workers.channels.Channel.EMAIL, "<" + UUID.randomUUID() + "@mail.example>", sender,
        mailbox.address(), secret.get("inboundSenderName"), secret.get("inboundSubject"), secret.get("inboundBody"),
        null, List.of(), List.of(new org.switchboard.caseapi.conversations.InboundMessage.Media(null, "text/plain",
        internal.get("documentFileName") + "-mail.txt", secret.get("inboundMedia").getBytes(StandardCharsets.UTF_8))),
        null, secret.get("inboundRaw"))).messageId();
    var chat = conversations.account(tenant, org.switchboard.workers.channels.Channel.WEBCHAT, SubjectData.CASE_TYPE);
    String chatId = conversations.accept(conversations.message(chat, secret.get("chatSession"),
        secret.get("chatBody"))).messageId();
    inboundProcessor.processDue();
    inboundProcessor.process(emailId);
    inboundProcessor.process(chatId);
    String inboundCase = (String) conversations.row(emailId).get("case_id");
    assertThat(inboundCase).isNotNull();
    ApiClient tenantAdmin = fixtures.as(fixtures.user(tenant, "tenant-admins"));
    assertThat(tenantAdmin.get("/api/v1/communications?caseId=" + inboundCase).text())
        .contains(secret.get("inboundBody"));
    assertThat(tenantAdmin.get("/api/v1/communications/inbox").status()).isEqualTo(200);

    List<String> outbox = jdbc.sql("SELECT payload FROM outbox_event WHERE tenant_id = :t").param("t", tenant)
        .query(String.class).list();
    assertThat(outbox).isNotEmpty();
    String log = output.getAll();
    assertThat(log).as("the capture sees what the engine logged for this case").contains(caseId);

    for (Map.Entry<String, String> c : secret.entrySet()) {
      assertThat(DatabaseScan.find(jdbc, c.getValue())).as("tables holding " + c.getKey()).isEmpty();
      assertThat(log).as("log holds " + c.getKey()).doesNotContain(c.getValue());
      assertThat(outbox).as("events hold " + c.getKey()).noneMatch(p -> p.contains(c.getValue()));
    }
    for (Map.Entry<String, String> c : internal.entrySet()) {
      assertThat(DatabaseScan.find(jdbc, c.getValue())).as("tables holding " + c.getKey())
          .isNotEmpty().noneMatch(table -> table.startsWith("act_"));
      assertThat(log).as("log holds " + c.getKey()).doesNotContain(c.getValue());
      assertThat(outbox).as("events hold " + c.getKey()).noneMatch(p -> p.contains(c.getValue()));
    }
  }

  private static String canary(String path) {
    return "CANARY" + path.toUpperCase() + UUID.randomUUID().toString().replace("-", "");
  }
}
