package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.contacts.DatabaseScan;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.workers.InProcessWorkerRunner;
import org.switchboard.caseapi.workers.JobFilter;
import org.switchboard.workers.channels.ChannelAccount;

/**
 * The web chat's input paths (pre-chat nickname and topic, visitor message, agent reply) leave no clear text in
 * any table (own and ACT_*), the log (Switchboard and engine at DEBUG) or the outbox.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class WebChatCanaryTest {

  @Autowired TestFixtures fixtures;
  @Autowired WebChatTestSupport chat;
  @Autowired InboundProcessor processor;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired InProcessWorkerRunner runner;
  @Autowired JdbcClient jdbc;

  @Test
  void chatContentIsNowhereInClear(CapturedOutput output) {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    List.of("org.switchboard", "org.camunda.bpm").forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    try {
      plantAndScan(output);
    } finally {
      logging.setLogLevel("org.switchboard", LogLevel.INFO);
      logging.setLogLevel("org.camunda.bpm", null);
    }
  }

  private void plantAndScan(CapturedOutput output) {
    Map<String, String> canaries = new LinkedHashMap<>();
    for (String path : List.of("nickname", "topic", "visitorMessage", "agentReply")) {
      canaries.put(path, "CANARY" + path.toUpperCase() + UUID.randomUUID().toString().replace("-", ""));
    }
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ChannelAccount account = chat.account(tenant, Map.of(WebChatAccount.TOPIC, "optional"));
    JsonNode started = chat.start(account, Map.of("nickname", canaries.get("nickname").substring(0, 40),
        "topic", canaries.get("topic")));
    canaries.put("nickname", canaries.get("nickname").substring(0, 40));
    try (ChatSocket widget = chat.connect(account).auth(started.path("token").asText())) {
      widget.await("ready");
      widget.send(Map.of("type", "message", "clientId", "c-1", "text", canaries.get("visitorMessage")));
      String inboundId = widget.await("ack").path("messageId").asText();
      assertThat(processor.process(inboundId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
      Map<String, Object> inbound = jdbc.sql("SELECT case_id, contact_id FROM message WHERE id = :id")
          .param("id", inboundId).query().singleRow();
      String caseId = (String) inbound.get("case_id");
      fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS)).post("/api/v1/cases/" + caseId + "/access",
          Map.of("userId", agent));
      ApiClient.Response sent = fixtures.as(agent).post("/api/v1/communications/webchat/send", Map.of(
          "caseId", caseId, "recipient", Map.of("contactId", inbound.get("contact_id")),
          "text", canaries.get("agentReply")));
      assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
      String replyId = sent.json().path("id").asText();
      String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(replyId)
          .singleResult().getId();
      for (Job job : managementService.createJobQuery().processInstanceId(instance).executable().messages().list()) {
        managementService.executeJob(job.getId());
      }
      assertThat(runner.runOnce(JobFilter.businessKey(replyId))).isEqualTo(1);
      widget.await(f -> canaries.get("agentReply").equals(f.path("text").asText()));
      widget.send(Map.of("type", "receipt", "messageId", replyId, "state", "read"));
    }

    List<String> outbox = jdbc.sql("SELECT payload FROM outbox_event WHERE tenant_id = :t").param("t", tenant)
        .query(String.class).list();
    String log = output.getAll();
    for (Map.Entry<String, String> c : canaries.entrySet()) {
      assertThat(DatabaseScan.find(jdbc, c.getValue())).as("tables holding " + c.getKey()).isEmpty();
      assertThat(log).as("log holds " + c.getKey()).doesNotContain(c.getValue());
      assertThat(outbox).as("events hold " + c.getKey()).noneMatch(p -> p.contains(c.getValue()));
    }
  }
}
