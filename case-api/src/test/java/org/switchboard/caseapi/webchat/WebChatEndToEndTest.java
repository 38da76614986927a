package org.switchboard.caseapi.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.inbound.InboundProcessor;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.caseapi.workers.InProcessWorkerRunner;
import org.switchboard.caseapi.workers.JobFilter;
import org.switchboard.workers.Topics;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendRefusedException;

/**
 * The web chat end to end on PostgreSQL with a real WebSocket client: widget message, case, Tasklist task, agent
 * reply through the send endpoint, the SendWebChat external task worked by the in-process runner, the reply in
 * the widget, and the widget's receipts moving the message's state.
 */
@SwitchboardTest
class WebChatEndToEndTest {

  @Autowired TestFixtures fixtures;
  @Autowired WebChatTestSupport chat;
  @Autowired InboundProcessor processor;
  @Autowired CaseRepository cases;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired InProcessWorkerRunner runner;
  @Autowired WebChatSender sender;
  @Autowired WebChatTranscript transcript;
  @Autowired WebChatHub hub;
  @Autowired WebChatSessions sessions;
  @Autowired JdbcClient jdbc;
  @Autowired ConversationRepository conversations;

  @Test
  void aWidgetMessageBecomesACaseWithATaskAndTheAgentsReplyReachesTheWidgetAndIsReceipted() {
    String tenant = fixtures.tenant("generic");
    String agent = fixtures.agent(tenant);
    ChannelAccount account = chat.account(tenant, Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    try (ChatSocket widget = c.socket()) {
      widget.send(Map.of("type", "typing", "active", true));
      widget.send(Map.of("type", "message", "clientId", "c-1", "text", "I need to talk to someone"));
      String inboundId = widget.await("ack").path("messageId").asText();

      // Inbound processing (driven by hand in tests): contact, case, case process.
      assertThat(processor.process(inboundId)).isEqualTo(InboundProcessor.Outcome.PROCESSED);
      Map<String, Object> inbound = jdbc.sql("SELECT case_id, contact_id FROM message WHERE id = :id")
          .param("id", inboundId).query().singleRow();
      // The widget learns how far the visitor's message got: on the case, then seen by an agent.
      WebChatPushJob.round(transcript, hub, sessions, java.time.Clock.systemUTC());
      assertThat(widget.await(f -> "status".equals(f.path("type").asText())).path("state").asText())
          .isEqualTo("delivered");
      conversations.markRead(jdbc.sql("SELECT conversation_id FROM message WHERE id = :id").param("id", inboundId)
          .query(String.class).single(), Instant.now());
      WebChatPushJob.round(transcript, hub, sessions, java.time.Clock.systemUTC());
      assertThat(widget.await(f -> "status".equals(f.path("type").asText())
          && "read".equals(f.path("state").asText())).path("messageId").asText()).isEqualTo(inboundId);
      CaseRecord started = cases.findById((String) inbound.get("case_id")).orElseThrow();
      runAsyncJobs(started.processInstanceId());
      CaseRecord kase = cases.findById(started.id()).orElseThrow();
      assertThat(kase.tenantId()).isEqualTo(tenant);
      List<Task> tasks = taskService.createTaskQuery().processInstanceId(kase.processInstanceId()).list();
      assertThat(tasks).isNotEmpty();
      // Cases started by inbound messages have no team yet; the organisation's administrator lets the agent in.
      ApiClient.Response granted = fixtures.as(fixtures.user(tenant, Roles.TENANT_ADMINS))
          .post("/api/v1/cases/" + kase.id() + "/access", Map.of("userId", agent));
      assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
      ApiClient.Response taskList = fixtures.as(agent).get("/api/v1/cases/" + kase.id() + "/tasks");
      assertThat(taskList.status()).as(taskList.toString()).isEqualTo(200);
      assertThat(taskList.json().findValuesAsText("id")).contains(tasks.get(0).getId());

      // Typing both ways: the visitor's shows in the agent's presence view, the agent's in the widget.
      ApiClient agentApi = fixtures.as(agent);
      widget.send(Map.of("type", "typing", "active", true));
      assertThat(await(() -> agentApi.get("/api/v1/cases/" + kase.id() + "/webchat/presence").json(),
          p -> p.path("typing").asBoolean()).path("online").asBoolean()).isTrue();
      assertThat(agentApi.post("/api/v1/cases/" + kase.id() + "/webchat/typing", Map.of("active", true)).status())
          .isEqualTo(204);
      assertThat(widget.await(f -> "typing".equals(f.path("type").asText())).path("active").asBoolean()).isTrue();
      assertThat(fixtures.as(fixtures.agent(fixtures.tenant("generic")))
          .get("/api/v1/cases/" + kase.id() + "/webchat/presence").status()).isEqualTo(404);

      // The agent replies through the send endpoint; the OutboundMessage process queues a SendWebChat task.
      ApiClient.Response sent = fixtures.as(agent).post("/api/v1/communications/webchat/send", Map.of(
          "caseId", kase.id(), "recipient", Map.of("contactId", inbound.get("contact_id")),
          "text", "Hello, I am here to help. Are you safe to talk?"));
      assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
      String replyId = sent.json().path("id").asText();
      runAsyncJobsOf(replyId);
      assertThat(runner.runOnce(JobFilter.businessKey(replyId))).isEqualTo(1);

      JsonNode reply = widget.await(f -> "message".equals(f.path("type").asText())
          && replyId.equals(f.path("messageId").asText()));
      assertThat(reply.path("from").asText()).isEqualTo("agent");
      assertThat(reply.path("text").asText()).isEqualTo("Hello, I am here to help. Are you safe to talk?");
      assertThat(messageState(replyId)).isEqualTo("SENT");
      assertThat(jdbc.sql("SELECT provider_message_id FROM message WHERE id = :id").param("id", replyId)
          .query(String.class).single()).isEqualTo(replyId);

      widget.send(Map.of("type", "receipt", "messageId", replyId, "state", "delivered"));
      assertThat(await(() -> messageState(replyId), "DELIVERED"::equals)).isEqualTo("DELIVERED");
      widget.send(Map.of("type", "receipt", "messageId", replyId, "state", "read"));
      assertThat(await(() -> messageState(replyId), "READ"::equals)).isEqualTo("READ");

      // Receipts for someone else's message are refused and change nothing.
      widget.send(Map.of("type", "receipt", "messageId", inboundId, "state", "read"));
      assertThat(widget.await("error").path("code").asText()).isEqualTo("invalid_receipt");
    }

    // The session now knows its contact; a reply while the visitor is offline waits for the reconnect.
    assertThat(jdbc.sql("SELECT contact_id FROM webchat_session WHERE id = :id").param("id", c.sessionId())
        .query(String.class).optional()).isPresent();
    await(() -> hub.online(c.sessionId()), online -> !online);
    String offlineId = UUID.randomUUID().toString();
    sender.send(new OutboundMessage(offlineId, tenant, null, Channel.WEBCHAT, account, c.sessionId(), null,
        "Sent while you were away", null, null, null, null, null, null));
    try (ChatSocket back = chat.connect(account).auth(c.token())) {
      JsonNode history = back.await("ready").path("history");
      assertThat(history.findValuesAsText("text")).containsExactly("I need to talk to someone",
          "Hello, I am here to help. Are you safe to talk?", "Sent while you were away");
      assertThat(history.get(1).path("state").asText()).isEqualTo("read");
    }
  }

  @Test
  void messagesStoredByAnotherNodeArePushedByThePushRoundAndEndedSessionsRefuseSends() {
    String tenant = fixtures.tenant("generic");
    ChannelAccount account = chat.account(tenant, Map.of());
    WebChatTestSupport.Connected c = chat.open(account);
    try (ChatSocket widget = c.socket()) {
      // As another node's WebChatSender leaves it: stored, pushed nowhere.
      String id = UUID.randomUUID().toString();
      transcript.add(new WebChatEntry(id, c.sessionId(), tenant, WebChatEntry.OUTBOUND, null, "From node B",
          "SENT", Instant.now(), null));

      WebChatPushJob.round(transcript, hub, sessions, java.time.Clock.systemUTC());

      assertThat(widget.await(f -> id.equals(f.path("messageId").asText())).path("text").asText())
          .isEqualTo("From node B");
      assertThat(transcript.find(id).orElseThrow().pushedAt()).isNotNull();

      widget.send(Map.of("type", "end", "reason", "visitor"));
      assertThat(widget.closeCode()).isEqualTo(4409);
    }
    OutboundMessage late = new OutboundMessage(UUID.randomUUID().toString(), tenant, null, Channel.WEBCHAT, account,
        c.sessionId(), null, "Too late", null, null, null, null, null, null);
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> sender.send(late),
        SendRefusedException.class).code()).isEqualTo(RefusalCodes.INVALID_RECIPIENT);
  }

  private void runAsyncJobsOf(String messageId) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(messageId)
        .singleResult();
    assertThat(instance).as("OutboundMessage process of " + messageId).isNotNull();
    runAsyncJobs(instance.getId());
  }

  private void runAsyncJobs(String processInstanceId) {
    for (Job job : managementService.createJobQuery().processInstanceId(processInstanceId).executable()
        .messages().list()) {
      managementService.executeJob(job.getId());
    }
  }

  private String messageState(String messageId) {
    return jdbc.sql("SELECT state FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  private static <T> T await(Supplier<T> value, Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = value.get();
    }
    return last;
  }
}
