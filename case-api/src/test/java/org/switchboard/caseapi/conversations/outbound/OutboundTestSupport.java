package org.switchboard.caseapi.conversations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.caseapi.cases.CaseRecord;
import org.switchboard.caseapi.cases.CaseRepository;
import org.switchboard.caseapi.conversations.store.ConversationRepository;
import org.switchboard.caseapi.support.ApiClient;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.process.outbound.OutboundMessage;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;

/** Cases with contacts and conversations for send tests, and the engine steps a worker would take. */
@Component
public class OutboundTestSupport {

  private final CaseSeeder seeder;
  private final CaseRepository cases;
  private final ConversationRepository conversations;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final ExternalTaskService externalTasks;
  private final Clock clock;

  public OutboundTestSupport(CaseSeeder seeder, CaseRepository cases, ConversationRepository conversations,
      JdbcClient jdbc, TransactionTemplate transaction, RuntimeService runtime, ManagementService management,
      ExternalTaskService externalTasks, Clock clock) {
    this.seeder = seeder;
    this.cases = cases;
    this.conversations = conversations;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.runtime = runtime;
    this.management = management;
    this.externalTasks = externalTasks;
    this.clock = clock;
  }

  /** A contact created through the API by the user of {@code api}. */
  public String contact(ApiClient api, String tenantId, String phone, String email) {
    java.util.Map<String, Object> body = new java.util.HashMap<>();
    body.put("tenantId", tenantId);
    body.put("displayName", "Outbound contact");
    if (phone != null) {
      body.put("phoneE164", phone);
    }
    if (email != null) {
      body.put("email", email);
    }
    ApiClient.Response created = api.post("/api/v1/contacts", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /** An open case (without a process) of the general team created by {@code user}, with the contact (may be null). */
  public CaseRecord caseWith(String tenantId, String user, String contactId) {
    CaseRecord c = seeder.withoutProcess(tenantId, user);
    // The general team's: its agents and supervisors (the fixtures' users) see it.
    return transaction.execute(s -> cases.update(c.toBuilder().contactId(contactId).team("general-team")
        .build(clock.instant(), user)).orElseThrow());
  }

  /** The contact wrote to the account about the case at {@code at}: a conversation with that last inbound time. */
  public String contactWrote(ChannelAccount account, CaseRecord c, String contactId, Instant at) {
    return transaction.execute(s -> {
      String id = conversations.findOrCreate(c.tenantId(), account.channel(), account.id(), contactId, c.id(), at);
      jdbc.sql("UPDATE conversation SET last_inbound_at = :at WHERE id = :id")
          .param("at", org.switchboard.caseapi.shared.Jdbc.ts(at)).param("id", id).update();
      return id;
    });
  }

  public ProcessInstance instanceOf(String messageId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OutboundMessage.PROCESS_KEY)
        .processInstanceBusinessKey(messageId).singleResult();
  }

  /** Runs the save point before the send task, as the job executor would. */
  public void runSavePoint(String messageId) {
    ProcessInstance instance = instanceOf(messageId);
    Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    management.executeJob(job.getId());
  }

  /** Fetches and locks the message's send task on its channel's topic, as a worker would. */
  public LockedExternalTask fetch(String messageId, Channel channel) {
    List<LockedExternalTask> locked = externalTasks.fetchAndLock(50, "outbound-test")
        .topic(channel.sendTopic(), 60_000).businessKey(messageId).execute();
    assertThat(locked).hasSize(1);
    return locked.get(0);
  }

  public Map<String, Object> row(String messageId) {
    return jdbc.sql("SELECT * FROM message WHERE id = :id").param("id", messageId).query().singleRow();
  }

  public int messagesOfCase(String caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM message WHERE case_id = :c").param("c", caseId).query(Integer.class)
        .single();
  }

  public List<String> changeTypes(String caseId) {
    return jdbc.sql("SELECT change_type FROM case_change WHERE case_id = :c ORDER BY id").param("c", caseId)
        .query(String.class).list();
  }

  /** Sets the conversation's last inbound time, also backwards (a window that has closed). */
  public void setLastInbound(ChannelAccount account, CaseRecord c, Instant at) {
    jdbc.sql("UPDATE conversation SET last_inbound_at = :at WHERE account_id = :a AND case_id = :c")
        .param("at", org.switchboard.caseapi.shared.Jdbc.ts(at)).param("a", account.id()).param("c", c.id()).update();
  }
}
