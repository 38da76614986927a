package org.switchboard.caseapi.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.caseapi.support.SwitchboardTest;
import org.switchboard.caseapi.support.TestFixtures;
import org.switchboard.workers.runtime.Outcome;

/**
 * The in-process runner against the real engine on PostgreSQL: a test process with one external task, driven by
 * {@link InProcessWorkerRunner#runOnce(JobFilter)} (the background poller is off in tests).
 */
@SwitchboardTest
class InProcessWorkerRunnerTest {

  static final String PROCESS = "WorkerRuntimeTest";

  @Autowired InProcessWorkerRunner runner;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ExternalTaskService externalTaskService;
  @Autowired TestFixtures fixtures;

  @Test
  void completedJobCompletesTheTaskWithItsVariables() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.completed(Map.of("deliveryState", "SENT")));
    String tenant = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String instance = start(tenant, worker.topic, Map.of("messageId", "m-1"));

      assertThat(runner.runOnce(JobFilter.topics(worker.topic))).isEqualTo(1);

      assertThat(waitingAt(instance)).containsExactly("Done");
      assertThat(runtimeService.getVariable(instance, "deliveryState")).isEqualTo("SENT");
      assertThat(worker.jobs).singleElement().satisfies(job -> {
        assertThat(job.tenantId()).isEqualTo(tenant);
        assertThat(job.processInstanceId()).isEqualTo(instance);
        assertThat(job.string("messageId")).contains("m-1");
        assertThat(job.attempt()).isEqualTo(1);
      });
    }
  }

  @Test
  void businessErrorIsCaughtByTheBoundaryEvent() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.businessError("TEST_REFUSED", "contact opted out"));
    String tenant = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String instance = start(tenant, worker.topic, Map.of());

      runner.runOnce(JobFilter.topics(worker.topic));

      assertThat(waitingAt(instance)).containsExactly("HandleRefusal");
      assertThat(runtimeService.getVariable(instance, "refusalCode")).isEqualTo("TEST_REFUSED");
    }
  }

  @Test
  void technicalFailuresRetryWithBackoffThenRaiseAnIncident() throws Exception {
    TestWorker worker = new TestWorker(job -> {
      throw new IllegalStateException("provider said no to +44 7700 900123");
    });
    String tenant = tenantWithProcess();
    List<Integer> retries = new ArrayList<>();
    List<Duration> locks = new ArrayList<>();
    try (AutoCloseable registration = runner.register(worker)) {
      String instance = start(tenant, worker.topic, Map.of());
      for (int attempt = 1; attempt <= 6; attempt++) {
        Date before = ClockUtil.getCurrentTime();
        assertThat(runner.runOnce(JobFilter.topics(worker.topic))).isEqualTo(1);
        ExternalTask task = task(instance);
        retries.add(task.getRetries());
        if (task.getRetries() > 0) {
          locks.add(roundedToSeconds(Duration.between(before.toInstant(), task.getLockExpirationTime().toInstant())));
          // Backoff verified: hand the task out again now instead of waiting for it.
          externalTaskService.unlock(task.getId());
        }
      }

      assertThat(retries).containsExactly(5, 4, 3, 2, 1, 0);
      assertThat(locks).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
          Duration.ofMinutes(10), Duration.ofMinutes(30));
      assertThat(worker.jobs).extracting(job -> job.attempt()).containsExactly(1, 2, 3, 4, 5, 6);
      // Retries exhausted: nothing more to fetch, and Cockpit shows the incident.
      assertThat(runner.runOnce(JobFilter.topics(worker.topic))).isZero();
      Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
      assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
      assertThat(incident.getActivityId()).isEqualTo("Work");
      assertThat(incident.getIncidentMessage()).contains("IllegalStateException").doesNotContain("7700");
      String details = externalTaskService.getExternalTaskErrorDetails(task(instance).getId());
      assertThat(details).contains("java.lang.IllegalStateException").doesNotContain("7700");
    }
  }

  @Test
  void aServiceTaskCanSetItsOwnRetriesAndBackoff() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.retry("provider timed out", null));
    String tenant = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String instance = runtimeService.createProcessInstanceByKey("WorkerRuntimeOverridesTest")
          .processDefinitionTenantId(tenant).businessKey("case-" + UUID.randomUUID())
          .setVariable("topic", worker.topic).execute().getProcessInstanceId();

      Date before = ClockUtil.getCurrentTime();
      runner.runOnce(JobFilter.topics(worker.topic));
      ExternalTask first = task(instance);
      assertThat(first.getRetries()).isEqualTo(1);
      assertThat(roundedToSeconds(Duration.between(before.toInstant(), first.getLockExpirationTime().toInstant())))
          .isEqualTo(Duration.ofSeconds(3));
      externalTaskService.unlock(first.getId());
      runner.runOnce(JobFilter.topics(worker.topic));

      assertThat(task(instance).getRetries()).isZero();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);
    }
  }

  @Test
  void nonRetryableFailureRaisesTheIncidentAtOnce() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.incident("account has no sender", null));
    String tenant = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String instance = start(tenant, worker.topic, Map.of());

      runner.runOnce(JobFilter.topics(worker.topic));

      assertThat(task(instance).getRetries()).isZero();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).singleResult()
          .getIncidentMessage()).isEqualTo("account has no sender");
    }
  }

  @Test
  void oneRoundServesEveryTenantAndRespectsTheWorkersLockDuration() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.completed()) {
      @Override
      public Duration lockDuration() {
        return Duration.ofMinutes(7);
      }
    };
    worker.behaviour = job -> {
      ExternalTask locked = externalTaskService.createExternalTaskQuery().externalTaskId(job.id()).singleResult();
      Duration lock = Duration.between(ClockUtil.getCurrentTime().toInstant(),
          locked.getLockExpirationTime().toInstant());
      assertThat(lock).isBetween(Duration.ofMinutes(6), Duration.ofMinutes(7));
      assertThat(locked.getWorkerId()).isEqualTo(runner.workerId());
      return Outcome.completed();
    };
    String tenantA = tenantWithProcess();
    String tenantB = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String a = start(tenantA, worker.topic, Map.of());
      String b = start(tenantB, worker.topic, Map.of());

      assertThat(runner.runOnce(JobFilter.topics(worker.topic))).isEqualTo(2);

      assertThat(worker.jobs).extracting(job -> job.tenantId()).containsExactlyInAnyOrder(tenantA, tenantB);
      assertThat(waitingAt(a)).containsExactly("Done");
      assertThat(waitingAt(b)).containsExactly("Done");
    }
  }

  @Test
  void aFilterKeepsTheRoundToOneCase() throws Exception {
    TestWorker worker = new TestWorker(job -> Outcome.completed());
    String tenant = tenantWithProcess();
    try (AutoCloseable registration = runner.register(worker)) {
      String mine = "case-" + UUID.randomUUID();
      String instance = start(tenant, worker.topic, Map.of(), mine);
      String other = start(tenant, worker.topic, Map.of(), "case-" + UUID.randomUUID());

      assertThat(runner.runOnce(JobFilter.businessKey(mine))).isEqualTo(1);

      assertThat(waitingAt(instance)).containsExactly("Done");
      assertThat(waitingAt(other)).containsExactly("Work");
      runner.runOnce(JobFilter.topics(worker.topic));
    }
  }

  @Test
  void theSendTopicsHaveTheirWorkers() {
    TestWorker duplicate = new TestWorker(job -> Outcome.completed()) {
      @Override
      public String topic() {
        return org.switchboard.workers.Topics.SEND_SMS;
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.register(duplicate))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("two workers for topic SendSms");
  }

  private String tenantWithProcess() {
    String tenant = fixtures.tenant("general");
    repositoryService.createDeployment().tenantId(tenant).name("worker-runtime-test")
        .addClasspathResource("workers/worker-runtime-test.bpmn")
        .addClasspathResource("workers/worker-runtime-overrides-test.bpmn").deploy();
    return tenant;
  }

  private String start(String tenant, String topic, Map<String, Object> variables) {
    return start(tenant, topic, variables, "case-" + UUID.randomUUID());
  }

  private String start(String tenant, String topic, Map<String, Object> variables, String businessKey) {
    return runtimeService.createProcessInstanceByKey(PROCESS).processDefinitionTenantId(tenant)
        .businessKey(businessKey).setVariable("topic", topic).setVariables(variables).execute()
        .getProcessInstanceId();
  }

  private ExternalTask task(String instance) {
    return externalTaskService.createExternalTaskQuery().processInstanceId(instance).singleResult();
  }

  private List<String> waitingAt(String instance) {
    return runtimeService.getActiveActivityIds(instance);
  }

  private static Duration roundedToSeconds(Duration duration) {
    return Duration.ofSeconds(Math.round(duration.toMillis() / 1000.0));
  }
}
