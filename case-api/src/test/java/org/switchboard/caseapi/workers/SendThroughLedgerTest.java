package org.switchboard.caseapi.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.Topics;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.channels.ChannelSender;
import org.switchboard.workers.channels.DeliveryState;
import org.switchboard.workers.channels.OutboundMessage;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.channels.SendReceipt;
import org.switchboard.workers.channels.send.SendWorker;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/**
 * The send worker with case-api's real send ledger and the OutboundMessage process on PostgreSQL, driven by a
 * runner of the test's own (a sender that counts what reaches the "provider" stands in for Twilio).
 */
@SwitchboardTest
class SendThroughLedgerTest {

  @Autowired TestFixtures fixtures;
  @Autowired CaseSeeder seeder;
  @Autowired JdbcClient jdbc;
  @Autowired OutboundMessages ledger;
  @Autowired ExternalTaskQueue queue;
  @Autowired WorkerRuntimeProperties properties;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ExternalTaskService externalTaskService;
  @Autowired HistoryService historyService;

  private final CountingProvider provider = new CountingProvider();

  @Test
  void aSendReachesTheProviderOnceAndCompletesTheProcess() {
    String messageId = queuedSms();
    InProcessWorkerRunner runner = runnerWith(ledger);

    assertThat(runner.runOnce(JobFilter.businessKey(messageId))).isEqualTo(1);

    assertThat(provider.calls.get()).isEqualTo(1);
    assertThat(stateOf(messageId)).isEqualTo("SENT");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceOf(messageId))
        .activityId("EndEvent_MessageSent").count()).isEqualTo(1);
  }

  @Test
  void aSendRetriedAfterACrashBetweenProviderAndLedgerNeverReachesTheProviderTwice() {
    String messageId = queuedSms();
    // The process dies after the provider took the message, before the ledger heard of it.
    OutboundMessages crashing = new OutboundMessages() {
      @Override
      public Claim claim(String id, String jobId) {
        return ledger.claim(id, jobId);
      }

      @Override
      public void sent(String id, SendReceipt receipt) {
        throw new IllegalStateException("node lost its database connection");
      }

      @Override
      public void refused(String id, String code, String reason) {
        ledger.refused(id, code, reason);
      }

      @Override
      public void failed(String id, String reason) {
        ledger.failed(id, reason);
      }
    };
    runnerWith(crashing).runOnce(JobFilter.businessKey(messageId));
    ExternalTask task = externalTaskService.createExternalTaskQuery().processInstanceId(instanceOf(messageId))
        .singleResult();
    assertThat(task.getRetries()).isEqualTo(5);
    // The backoff has passed (or another node took over after the lock expired): the job runs again.
    externalTaskService.unlock(task.getId());

    runnerWith(ledger).runOnce(JobFilter.businessKey(messageId));

    assertThat(provider.calls.get()).isEqualTo(1);
    assertThat(stateOf(messageId)).isEqualTo("IN_DOUBT");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceOf(messageId))
        .activityId("BoundaryEvent_SendInDoubt").count()).isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceOf(messageId))
        .variableName("refusalCode").singleResult().getValue()).isEqualTo(RefusalCodes.SEND_IN_DOUBT);
  }

  private InProcessWorkerRunner runnerWith(OutboundMessages messages) {
    SendWorker worker = new SendWorker(Topics.SEND_SMS, () -> Optional.of(messages), () -> List.of(provider));
    return new InProcessWorkerRunner(List.of(worker), queue, properties);
  }

  /** An SMS queued through the send endpoint, its process waiting at the external task; returns the message id. */
  private String queuedSms() {
    String tenant = fixtures.tenant("general");
    String agent = fixtures.agent(tenant);
    String caseId = seeder.withoutProcess(tenant, agent).id();
    String account = RemoteWorkerRows.channelAccount(jdbc, tenant);
    Response sent = fixtures.as(agent).post("/api/v1/communications/sms/send", Map.of("caseId", caseId,
        "recipient", Map.of("address", "+447911123456"), "text", "Your appointment is at 10", "accountId", account));
    assertThat(sent.status()).as(sent.text()).isBetween(200, 202);
    String messageId = sent.json().path("id").asText();
    String instance = instanceOf(messageId);
    for (int i = 0; i < 5 && externalTaskService.createExternalTaskQuery().processInstanceId(instance).count() == 0;
        i++) {
      // Job executor is off in tests: run the save point before the send by hand.
      for (Job job : managementService.createJobQuery().processInstanceId(instance).list()) {
        managementService.executeJob(job.getId());
      }
    }
    assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(instance).topicName(Topics.SEND_SMS)
        .count()).isEqualTo(1);
    return messageId;
  }

  private String instanceOf(String messageId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(messageId).singleResult()
        .getId();
  }

  private String stateOf(String messageId) {
    return jdbc.sql("SELECT state FROM message WHERE id = :id").param("id", messageId).query(String.class).single();
  }

  /** The provider: counts every call that reaches it. */
  static class CountingProvider implements ChannelSender {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public boolean supports(ChannelAccount account) {
      return "twilio".equals(account.provider());
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
      calls.incrementAndGet();
      return new SendReceipt("SM" + message.messageId().replace("-", ""), DeliveryState.QUEUED);
    }
  }
}
