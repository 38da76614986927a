package org.switchboard.caseapi.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.switchboard.caseapi.identity.Roles;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.channels.Channel;
import org.switchboard.workers.channels.ChannelAccount;
import org.switchboard.workers.remote.CaseApiClient;
import org.switchboard.workers.remote.HttpChannelAccounts;
import org.switchboard.workers.remote.HttpOutboundMessages;
import org.switchboard.workers.remote.RemoteWorkerRunner;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.WorkerMode;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/**
 * The remote runner as the worker app runs it: Camunda's external-task client against this application's
 * {@code /engine-rest}, logged in as a service account of one tenant, and the HTTP clients of the internal endpoints.
 */
@SwitchboardTest
class RemoteWorkerRunnerTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TestFixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void completeBpmnErrorAndFailureToIncidentThroughTheEngineRestApi() {
    String tenant = fixtures.tenant("general");
    repositoryService.createDeployment().tenantId(tenant).name("worker-runtime-test")
        .addClasspathResource("workers/worker-runtime-test.bpmn").deploy();
    String serviceAccount = fixtures.user(tenant, Roles.SERVICE_ACCOUNTS);
    TestWorker completes = new TestWorker(job -> Outcome.completed(Map.of("deliveryState", "SENT")));
    TestWorker refuses = new TestWorker(job -> Outcome.businessError("TEST_REFUSED", "opted out"));
    TestWorker fails = new TestWorker(job -> {
      throw new IllegalStateException("provider unreachable");
    });

    RemoteWorkerRunner runner = new RemoteWorkerRunner(List.of(completes, refuses, fails), properties(serviceAccount));
    runner.start();
    try {
      String completed = start(tenant, completes.topic);
      String refused = start(tenant, refuses.topic);
      String failed = start(tenant, fails.topic);

      awaitTrue(() -> runtimeService.getActiveActivityIds(completed).equals(List.of("Done"))
          && runtimeService.getActiveActivityIds(refused).equals(List.of("HandleRefusal"))
          && runtimeService.createIncidentQuery().processInstanceId(failed).count() == 1);

      assertThat(runtimeService.getVariable(completed, "deliveryState")).isEqualTo("SENT");
      assertThat(runtimeService.getVariable(refused, "refusalCode")).isEqualTo("TEST_REFUSED");
      assertThat(completes.jobs).singleElement().satisfies(job -> {
        assertThat(job.tenantId()).isEqualTo(tenant);
        assertThat(job.processInstanceId()).isEqualTo(completed);
      });
      // One retry configured: the first attempt failed with a retry, the second raised the incident.
      assertThat(fails.jobs).extracting(job -> job.attempt()).containsExactly(1, 2);
      Incident incident = runtimeService.createIncidentQuery().processInstanceId(failed).singleResult();
      assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
      assertThat(incident.getIncidentMessage()).contains("IllegalStateException").doesNotContain("unreachable");
    } finally {
      runner.stop();
    }
  }

  @Test
  void channelAccountsAndTheLedgerOverHttpStayInTheServiceAccountsTenants() {
    String tenant = fixtures.tenant("general");
    String other = fixtures.tenant("general");
    String own = RemoteWorkerRows.channelAccount(jdbc, tenant);
    String foreign = RemoteWorkerRows.channelAccount(jdbc, other);
    String foreignMessage = RemoteWorkerRows.outboundMessage(jdbc, other, foreign, null);
    WorkerRuntimeProperties.Remote remote = properties(fixtures.user(tenant, Roles.SERVICE_ACCOUNTS)).remote();
    HttpChannelAccounts accounts = new HttpChannelAccounts(CaseApiClient.create(remote));
    HttpOutboundMessages ledger = new HttpOutboundMessages(CaseApiClient.create(remote));

    ChannelAccount account = accounts.byId(own).orElseThrow();
    assertThat(account.tenantId()).isEqualTo(tenant);
    assertThat(account.channel()).isEqualTo(Channel.SMS);
    assertThat(account.secretRefs()).containsEntry("authToken", "TEST_TWILIO_AUTH_TOKEN");
    assertThat(accounts.byAddress(Channel.SMS, account.address())).contains(account);
    assertThat(accounts.ofTenant(tenant)).extracting(ChannelAccount::id).contains(own);

    assertThat(accounts.byId(foreign)).isEmpty();
    String foreignAddress = jdbc.sql("SELECT address FROM channel_account WHERE id = :id").param("id", foreign)
        .query(String.class).single();
    assertThat(accounts.byAddress(Channel.SMS, foreignAddress)).isEmpty();
    assertThatThrownBy(() -> accounts.ofTenant(other)).isInstanceOf(HttpClientErrorException.NotFound.class);
    assertThatThrownBy(() -> ledger.claim(foreignMessage, "job-1"))
        .isInstanceOf(HttpClientErrorException.NotFound.class);
    assertThatThrownBy(() -> ledger.failed(UUID.randomUUID().toString(), "timeout"))
        .isInstanceOf(HttpClientErrorException.NotFound.class);
  }

  private WorkerRuntimeProperties properties(String serviceAccount) {
    return new WorkerRuntimeProperties(WorkerMode.REMOTE, "remote-test-" + UUID.randomUUID(), true,
        Duration.ofMillis(100), Duration.ofMillis(500), 10, 1, 1, List.of(Duration.ofMillis(200)),
        new WorkerRuntimeProperties.Remote(fixtures.baseUrl() + "/engine-rest", fixtures.baseUrl(), serviceAccount,
            // Short polling: a parked long-poll request of the shared test application was seen unanswered for
            // minutes late in the full suite; the fetch path under test is the same.
            TestFixtures.PASSWORD, Duration.ZERO, Duration.ofSeconds(10)));
  }

  private String start(String tenant, String topic) {
    return runtimeService.createProcessInstanceByKey(InProcessWorkerRunnerTest.PROCESS)
        .processDefinitionTenantId(tenant).businessKey("case-" + UUID.randomUUID()).setVariable("topic", topic)
        .execute().getProcessInstanceId();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("remote worker did not finish within 60 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
