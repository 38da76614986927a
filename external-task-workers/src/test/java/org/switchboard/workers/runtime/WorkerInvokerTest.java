package org.switchboard.workers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WorkerInvokerTest {

  private final WorkerInvoker invoker = new WorkerInvoker(RetryPolicy.DEFAULT);

  @Test
  void completedCompletesWithItsVariables() {
    RecordingReport report = run(job -> Outcome.completed(Map.of("deliveryState", "SENT")), null);

    assertThat(report.kind).isEqualTo("complete");
    assertThat(report.variables).containsExactly(Map.entry("deliveryState", "SENT"));
  }

  @Test
  void businessErrorBecomesBpmnErrorWithItsCode() {
    RecordingReport report = run(job -> new Outcome.BusinessError("OPTED_OUT", "contact opted out",
        Map.of("refusal", "OPTED_OUT")), null);

    assertThat(report.kind).isEqualTo("bpmnError");
    assertThat(report.code).isEqualTo("OPTED_OUT");
    assertThat(report.message).isEqualTo("contact opted out");
    assertThat(report.variables).containsEntry("refusal", "OPTED_OUT");
  }

  @Test
  void retryableFailuresCountDownWithExponentialBackoffThenRaiseTheIncident() {
    List<Integer> retries = new ArrayList<>();
    List<Duration> timeouts = new ArrayList<>();
    Integer retriesLeft = null;
    List<Integer> attempts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      attempts.add(invoker.policy().attempt(retriesLeft));
      RecordingReport report = run(job -> Outcome.retry("provider timed out", null), retriesLeft);
      assertThat(report.kind).isEqualTo("failure");
      retries.add(report.retries);
      timeouts.add(report.retryTimeout);
      retriesLeft = report.retries;
    }

    assertThat(attempts).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(retries).containsExactly(5, 4, 3, 2, 1, 0);
    assertThat(timeouts).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
        Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ZERO);
  }

  @Test
  void nonRetryableFailureRaisesTheIncidentAtOnce() {
    RecordingReport report = run(job -> Outcome.incident("account misconfigured", null), null);

    assertThat(report.kind).isEqualTo("failure");
    assertThat(report.retries).isZero();
    assertThat(report.message).isEqualTo("account misconfigured");
  }

  @Test
  void unexpectedExceptionIsRetryableAndItsMessageStaysOutOfCockpit() {
    RecordingReport report = run(job -> {
      throw new IllegalArgumentException("cannot parse +44 7700 900123");
    }, null);

    assertThat(report.kind).isEqualTo("failure");
    assertThat(report.retries).isEqualTo(5);
    assertThat(report.retryTimeout).isEqualTo(Duration.ofSeconds(10));
    assertThat(report.message).contains("IllegalArgumentException").doesNotContain("7700");
    assertThat(report.details).contains("java.lang.IllegalArgumentException").contains("\tat ")
        .doesNotContain("7700");
  }

  @Test
  void longMessagesAreCutToOneShortLine() {
    RecordingReport report = run(job -> Outcome.incident("x".repeat(2000) + "\nsecond line", null), null);

    assertThat(report.message).hasSize(FailureReports.MAX_MESSAGE_LENGTH).doesNotContain("\n");
  }

  @Test
  void retriesRestoredInCockpitCountDownAgain() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    // An operator sets retries to 3 after an incident: three more attempts, with the backoff of the matching step.
    assertThat(policy.retriesAfterFailure(3)).isEqualTo(2);
    assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMinutes(10));
    assertThat(new RetryPolicy(0, List.of(Duration.ofSeconds(1))).retriesAfterFailure(null)).isZero();
  }

  @Test
  void aTasksExtensionPropertiesOverrideRetriesAndBackoff() {
    RetryPolicy own = RetryPolicy.DEFAULT.withOverrides(Map.of(RetryPolicy.RETRIES_PROPERTY, "2",
        RetryPolicy.BACKOFF_PROPERTY, "1m, PT5M"));

    assertThat(own).isEqualTo(new RetryPolicy(2, List.of(Duration.ofMinutes(1), Duration.ofMinutes(5))));
    assertThat(RetryPolicy.DEFAULT.withOverrides(Map.of(RetryPolicy.RETRIES_PROPERTY, "many")))
        .isEqualTo(RetryPolicy.DEFAULT);
    assertThat(RetryPolicy.DEFAULT.withOverrides(Map.of())).isEqualTo(RetryPolicy.DEFAULT);
  }

  private RecordingReport run(Function<Job, Outcome> work, Integer retriesLeft) {
    RecordingReport report = new RecordingReport();
    Job job = new Job("task-1", "TestTopic", "pi-1", "case-1", "tenant-a", Map.of(),
        invoker.policy().attempt(retriesLeft));
    invoker.run(new TopicWorker() {
      @Override
      public String topic() {
        return "TestTopic";
      }

      @Override
      public Outcome work(Job job) {
        return work.apply(job);
      }
    }, job, retriesLeft, report);
    return report;
  }
}
