package org.switchboard.caseapi.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.ApiClient.Response;
import org.switchboard.caseapi.support.CaseSeeder;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workerapp.WorkerApplication;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.channels.RefusalCodes;
import org.switchboard.workers.remote.HttpOutboundMessages;
import org.switchboard.workers.remote.RemoteWorkerRunner;

/**
 * The remote worker app as deployed: its own Spring context without a web server, logged in as a service account,
 * working a real OutboundMessage process of this application through /engine-rest and the internal endpoints.
 */
@SwitchboardTest
class WorkerApplicationTest {

  @Autowired TestFixtures fixtures;
  @Autowired CaseSeeder seeder;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  @Test
  void theWorkerAppClaimsTheMessageOverHttpAndReportsTheRefusalThroughTheEngine() {
    String tenant = fixtures.tenant("general");
    String agent = fixtures.agent(tenant);
    String serviceAccount = fixtures.user(tenant, Roles.SERVICE_ACCOUNTS);
    String caseId = seeder.withoutProcess(tenant, agent).id();
    // An account of a provider no sender in the worker app serves: the claim succeeds, the send is refused.
    String account = RemoteWorkerRows.channelAccount(jdbc, tenant);
    jdbc.sql("UPDATE channel_account SET provider = 'nobody' WHERE id = :id").param("id", account).update();
    Response sent = fixtures.as(agent).post("/api/v1/communications/sms/send", Map.of("caseId", caseId,
        "recipient", Map.of("address", "+447911123456"), "text", "Your appointment is at 10", "accountId", account));
    assertThat(sent.status()).as(sent.text()).isBetween(200, 202);
    String messageId = sent.json().path("id").asText();
    String instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(messageId)
        .singleResult().getId();
    for (Job job : managementService.createJobQuery().processInstanceId(instance).list()) {
      managementService.executeJob(job.getId());
    }

    SpringApplication app = WorkerApplication.builder().build();
    // One logging system per JVM: the application under test owns it.
    app.setListeners(app.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
    app.setRegisterShutdownHook(false);
    try (ConfigurableApplicationContext workerApp = app.run(
        "--switchboard.workers.worker-id=worker-app-test-" + UUID.randomUUID(),
        "--switchboard.workers.remote.engine-url=" + fixtures.baseUrl() + "/engine-rest",
        "--switchboard.workers.remote.case-api-url=" + fixtures.baseUrl(),
        "--switchboard.workers.remote.username=" + serviceAccount,
        "--switchboard.workers.remote.password=" + TestFixtures.PASSWORD,
        "--switchboard.workers.remote.async-response-timeout=0s",
        "--switchboard.workers.max-poll-interval=500ms")) {
      assertThat(workerApp.getBean(OutboundMessages.class)).isInstanceOf(HttpOutboundMessages.class);
      assertThat(workerApp.getBean(RemoteWorkerRunner.class)).isNotNull();
      assertThat(workerApp.getBeansOfType(org.springframework.boot.web.server.WebServer.class)).isEmpty();

      Instant deadline = Instant.now().plusSeconds(60);
      while (refusalCode(instance) == null && Instant.now().isBefore(deadline)) {
        sleep();
      }
    }

    assertThat(refusalCode(instance)).isEqualTo(RefusalCodes.CHANNEL_NOT_CONFIGURED);
    assertThat(jdbc.sql("SELECT state FROM message WHERE id = :id").param("id", messageId).query(String.class)
        .single()).isEqualTo("REFUSED");
    assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = :action AND object_id = :id")
        .param("action", RemoteWorkerGateway.MESSAGE_RELEASED).param("id", messageId).query(Long.class).single())
        .isEqualTo(1);
  }

  private String refusalCode(String instance) {
    HistoricVariableInstance code = historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName("refusalCode").singleResult();
    return code == null ? null : (String) code.getValue();
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
